// The examples print what the tutorial prints: its input, Keras' summary and
// the numpy array, byte for byte as the tutorial shows them, and the shapes
// it states for the other worked examples.
#include <string>

#include <gtest/gtest.h>

#include "examples/models.hpp"
#include "examples/tutorial_output.hpp"

#include "test_support.hpp"

namespace {

namespace gf = ganforge;
using foundation_tests::read_shared_file;

const std::string tutorial_input = "[[1 2]\n [3 4]]\n";

TEST(Tutorial, UpSampling2DWorkedExample) {
    EXPECT_EQ(examples::worked_example_output(gf::Weights<examples::Upsample2x2>{}),
              tutorial_input + read_shared_file("seed/summary-upsampling2d-2x2.txt") +
                  "[[1. 1. 2. 2.]\n"
                  " [1. 1. 2. 2.]\n"
                  " [3. 3. 4. 4.]\n"
                  " [3. 3. 4. 4.]]\n");
}

TEST(Tutorial, Conv2DTransposeWorkedExample) {
    gf::Weights<examples::Tconv1x1Stride2> weights;
    weights.set_weights({{1.0f}, {0.0f}});
    EXPECT_EQ(examples::worked_example_output(weights),
              tutorial_input + read_shared_file("seed/summary-conv2d-transpose-1x1.txt") +
                  "[[1. 0. 2. 0.]\n"
                  " [0. 0. 0. 0.]\n"
                  " [3. 0. 4. 0.]\n"
                  " [0. 0. 0. 0.]]\n");
}

// "The result of applying this operation to a 2x2 image would be a 4x6
// output image."
TEST(Tutorial, UpSampling2DSize2x3) {
    static_assert(examples::Upsample2x3::output_shape == gf::Shape{4, 6, 1});
    const std::string text = examples::worked_example_output(gf::Weights<examples::Upsample2x3>{});
    EXPECT_TRUE(text.ends_with("[[1. 1. 1. 2. 2. 2.]\n"
                               " [1. 1. 1. 2. 2. 2.]\n"
                               " [3. 3. 3. 4. 4. 4.]\n"
                               " [3. 3. 3. 4. 4. 4.]]\n"))
        << text;
}

// Keras-Python's bilinear (half-pixel centres), printed as numpy pads it.
TEST(Tutorial, UpSampling2DBilinear) {
    const std::string text =
        examples::worked_example_output(gf::Weights<examples::UpsampleBilinear2x2>{});
    EXPECT_TRUE(text.ends_with("[[1.   1.25 1.75 2.  ]\n"
                               " [1.5  1.75 2.25 2.5 ]\n"
                               " [2.5  2.75 3.25 3.5 ]\n"
                               " [3.   3.25 3.75 4.  ]]\n"))
        << text;
}

TEST(Tutorial, GeneratorsPrintTheirSummaryThenAnImage) {
    const std::string upsampling = examples::generator_example_output<examples::SeedUpsample>(1);
    EXPECT_TRUE(upsampling.starts_with(read_shared_file("seed/summary-generator-upsampling.txt")));
    EXPECT_NE(upsampling.find("One image (10, 10, 1) from a latent point of 100 values"), std::string::npos);
    const std::string transpose = examples::generator_example_output<examples::SeedTconv>(1);
    EXPECT_TRUE(transpose.starts_with(read_shared_file("seed/summary-generator-transpose.txt")));
    // Seeded: the same text twice.
    EXPECT_EQ(transpose, examples::generator_example_output<examples::SeedTconv>(1));
}

}  // namespace
