// Every reference case (its own weights and recorded output, and random
// weights) and every edge model (random weights), generated and run on every
// SIMD path this CPU has, against the interpreter at batch 1 and 7, and the
// fully convolutional ones at other sizes (predict_image); the ONNX cases
// and the edge models also generated with their images channels first (the
// edge models at their declared size alone).
#include <cmath>

#include <gmock/gmock.h>

#include "bundle.hpp"
#include "network_check.hpp"
#include "test_models.hpp"

namespace {

#define GANFORGE_REFCASE_TEST(name, T, folder)                                               \
    TEST(GeneratedRefcase, name) {                                                           \
        codegen_test::expect_matches_reference<T, codegen_test::name>(                       \
            std::filesystem::path(GANFORGE_SHARED_DIR) / folder);                            \
        codegen_test::expect_matches_interpreter<T, codegen_test::name>();                   \
        codegen_test::expect_matches_interpreter_at_other_sizes<T, codegen_test::name>();    \
    }
GANFORGE_REFCASE_MODELS(GANFORGE_REFCASE_TEST)

#define GANFORGE_EDGE_TEST(name, T)                                                       \
    TEST(GeneratedEdge, name) {                                                           \
        codegen_test::expect_matches_interpreter<T, codegen_test::name>();                \
        codegen_test::expect_matches_interpreter_at_other_sizes<T, codegen_test::name>(); \
    }
GANFORGE_EDGE_MODELS(GANFORGE_EDGE_TEST)

#define GANFORGE_ONNX_NCHW_TEST(name, T, folder)                                             \
    TEST(GeneratedRefcaseChannelsFirst, name) {                                              \
        codegen_test::expect_matches_reference<T, codegen_test::name##_nchw>(                \
            std::filesystem::path(GANFORGE_SHARED_DIR) / folder);                            \
        codegen_test::expect_matches_interpreter<T, codegen_test::name##_nchw>();            \
        codegen_test::expect_matches_interpreter_at_other_sizes<T, codegen_test::name##_nchw>(); \
    }
GANFORGE_ONNX_REFCASE_MODELS(GANFORGE_ONNX_NCHW_TEST)

#define GANFORGE_EDGE_NCHW_TEST(name, T)                                                     \
    TEST(GeneratedEdgeChannelsFirst, name) {                                                 \
        static_assert(codegen_test::name##_nchw::layout == ganforge::TensorLayout::nchw);    \
        static_assert(!codegen_test::name##_nchw::any_size);  /* generated at its size alone */ \
        codegen_test::expect_matches_interpreter<T, codegen_test::name##_nchw>();            \
    }
GANFORGE_EDGE_MODELS(GANFORGE_EDGE_NCHW_TEST)

// predict_image checks what it is given: a size the model cannot take names
// the layer, and spans are measured at the size given.
TEST(GeneratedAnySize, RefusesSizesTheModelCannotTakeAndWrongSpans) {
    ganforge::Weights<edge::ImageToImageAnySize> weights;
    codegen_test::randomize(weights, 1);
    using Net = codegen_test::edge_image_to_image_any_size;
    const Net net(weights);
    try {
        (void)net.image_output_shape(2, 8);
        ADD_FAILURE() << "a reflection wider than the image accepted";
    } catch (const ganforge::Error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("cannot take an image of 2x8"));
        EXPECT_THAT(e.what(), ::testing::HasSubstr("ReflectionPadding2D"));
    }
    std::vector<float> in(7 * 9 * 3), out(net.image_output_shape(7, 9).size());
    EXPECT_NO_THROW(net.predict_image(in, 7, 9, out));
    const ganforge::ImageExtent size[] = {{7, 9}};
    EXPECT_EQ(net.image_output_shape(7, 9), ganforge::resized_model(weights.model(), size).output_shape());
    std::vector<float> short_in(in.size() - 1);
    try {
        net.predict_image(short_in, 7, 9, out);
        ADD_FAILURE() << "a short input accepted";
    } catch (const ganforge::Error& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("predict_image: input holds 188 floats, batch 1 of 7x9x3 needs 189"));
    }
    EXPECT_THROW(net.predict_image(in, 7, 9, std::span<float>(out).first(5)), ganforge::Error);
    EXPECT_THROW(net.predict_image(in, 7, 9, out, 2), ganforge::Error);
}

}  // namespace

namespace {

// A generated graph checks what it is given as the interpreter does: one
// span per input of the right size, labels inside the Embedding's table
// (truncated as Keras casts them).
TEST(GeneratedGraph, RefusesWrongInputsAndLabelsOutsideTheTable) {
    ganforge::Weights<edge::GraphLabels> weights;
    codegen_test::randomize(weights, 1);
    for (ganforge::Isa isa : codegen_test::isas_here()) {
        const codegen_test::edge_graph_labels net(weights, isa);
        std::vector<float> latent(12, 0.5f), labels{0.0f, 6.9f, -0.5f}, out(net.output_shape.size());
        EXPECT_NO_THROW(net.predict({latent, labels}, out));
        labels[1] = 7.0f;
        try {
            net.predict({latent, labels}, out);
            ADD_FAILURE() << "label 7 of 7 accepted";
        } catch (const ganforge::Error& e) {
            EXPECT_THAT(e.what(), ::testing::HasSubstr("embed): label 7 is outside [0, 7)"));
        }
        labels[1] = std::nanf("");
        EXPECT_THROW(net.predict({latent, labels}, out), ganforge::Error);
        labels[1] = 1.0f;
        EXPECT_THROW(net.predict({latent}, out), ganforge::Error);
        latent.pop_back();
        EXPECT_THROW(net.predict({latent, labels}, out), ganforge::Error);
    }
}

}  // namespace
