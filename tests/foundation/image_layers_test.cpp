// The image-to-image layers on cases small enough to work out by hand:
// DepthToSpace's DCR order and SpaceToDepth its inverse, reflection and
// replication padding, Rescaling, PReLU with shared and per-value slopes,
// group and instance normalization; their shapes, weights and parameter
// counts as Keras counts them.
#include <cmath>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ganforge/ganforge.hpp>

#include "test_support.hpp"

namespace {

namespace gf = ganforge;
using foundation_tests::run;
using testing::ElementsAre;
using testing::ElementsAreArray;
using testing::FloatNear;
using testing::Pointwise;

std::vector<float> iota(std::size_t n) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = float(i);
    return v;
}

TEST(InterpreterDepthToSpace, DcrOrderPutsEachRunOfChannelsAtItsSubPixel) {
    // One pixel of 8 channels, block 2, 2 output channels: out[i][j] is run
    // (i * 2 + j) of 2 channels.
    EXPECT_THAT(run({1, 1, 8}, {gf::DepthToSpace{.block_size = 2}.spec()}, {}, iota(8)),
                ElementsAre(0, 1, 2, 3, 4, 5, 6, 7));
    // Two pixels in a row, 4 channels, block 2, one output channel: the
    // output's first row holds channels 0, 1 of each pixel, the second 2, 3.
    EXPECT_THAT(run({1, 2, 4}, {gf::DepthToSpace{}.spec()}, {}, {0, 1, 2, 3, 10, 11, 12, 13}),
                ElementsAre(0, 1, 10, 11, 2, 3, 12, 13));
}

TEST(InterpreterSpaceToDepth, InvertsDepthToSpace) {
    const std::vector<float> x = iota(4 * 6 * 3);
    EXPECT_THAT(run({4, 6, 3}, {gf::SpaceToDepth{}.spec(), gf::DepthToSpace{}.spec()}, {}, x), ElementsAreArray(x));
    EXPECT_THAT(run({2, 2, 1}, {gf::SpaceToDepth{}.spec()}, {}, {0, 1, 2, 3}), ElementsAre(0, 1, 2, 3));
    EXPECT_THAT(run({2, 4, 1}, {gf::SpaceToDepth{}.spec()}, {}, {0, 1, 2, 3, 4, 5, 6, 7}),
                ElementsAre(0, 1, 4, 5, 2, 3, 6, 7));
}

TEST(InterpreterEdgePadding, ReflectMirrorsWithoutRepeatingTheEdge) {
    // A row a b c d padded by 2 on each side: c b a b c d c b.
    const gf::LayerSpec reflect = gf::ReflectionPadding2D{.padding = {{0, 0}, {2, 2}}}.spec();
    EXPECT_THAT(run({1, 4, 1}, {reflect}, {}, {1, 2, 3, 4}), ElementsAre(3, 2, 1, 2, 3, 4, 3, 2));
    const gf::LayerSpec replicate = gf::ReplicationPadding2D{.padding = {{0, 0}, {2, 1}}}.spec();
    EXPECT_THAT(run({1, 4, 1}, {replicate}, {}, {1, 2, 3, 4}), ElementsAre(1, 1, 1, 2, 3, 4, 4));
    // Rows too, two channels each.
    EXPECT_THAT(run({2, 1, 2}, {gf::ReflectionPadding2D{.padding = {{1, 0}, {0, 0}}}.spec()}, {}, {1, 2, 3, 4}),
                ElementsAre(3, 4, 1, 2, 3, 4));
    EXPECT_THAT(run({2, 1, 2}, {gf::ReplicationPadding2D{.padding = {{0, 2}, {0, 0}}}.spec()}, {}, {1, 2, 3, 4}),
                ElementsAre(1, 2, 3, 4, 3, 4, 3, 4));
}

TEST(InterpreterRescaling, ScaleThenOffset) {
    EXPECT_THAT(run({3}, {gf::Rescaling{.scale = 1.0f / 127.5f, .offset = -1.0f}.spec()}, {}, {0, 127.5f, 255}),
                Pointwise(FloatNear(1e-6f), std::vector<float>{-1, 0, 1}));
}

TEST(InterpreterPReLU, SlopesBroadcastOverTheSharedAxes) {
    const std::vector<float> x{-1, 2, -3, -4, 5, -6};  // 1 x 3 x 2
    // One slope per channel.
    EXPECT_THAT(run({1, 3, 2}, {gf::PReLU{.shared_axes = {1, 2}}.spec()}, {{0.5f, -2.0f}}, x),
                Pointwise(FloatNear(1e-6f), std::vector<float>{-0.5f, 2, -1.5f, 8, 5, 12}));
    // One per value (Keras' default), and one per column shared over channels.
    EXPECT_THAT(run({1, 3, 2}, {gf::PReLU{}.spec()}, {{1, 2, 3, 4, 5, 6}}, x),
                Pointwise(FloatNear(1e-6f), std::vector<float>{-1, 2, -9, -16, 5, -36}));
    EXPECT_THAT(run({1, 3, 2}, {gf::PReLU{.shared_axes = {3}}.spec()}, {{1, 2, 3}}, x),
                Pointwise(FloatNear(1e-6f), std::vector<float>{-1, 2, -6, -8, 5, -18}));
}

TEST(InterpreterGroupNormalization, EachGroupByItsOwnStatistics) {
    // 2 pixels x 4 channels in 2 groups: group 0 holds 1, 3, 5, 7 (mean 4,
    // variance 5), group 1 holds 0, 0, 2, 2 (mean 1, variance 1).
    const std::vector<float> x{1, 3, 0, 0, 5, 7, 2, 2};
    const float eps = 1e-3f;
    const float a = 1.0f / std::sqrt(5.0f + eps), b = 1.0f / std::sqrt(1.0f + eps);
    const gf::LayerSpec gn = gf::GroupNormalization{.groups = 2}.spec();
    EXPECT_THAT(run({1, 2, 4}, {gn}, {{1, 1, 1, 1}, {0, 0, 0, 0}}, x),
                Pointwise(FloatNear(1e-5f), std::vector<float>{-3 * a, -a, -b, -b, a, 3 * a, b, b}));
    // gamma and beta per channel, after normalising.
    EXPECT_THAT(run({1, 2, 4}, {gn}, {{2, 1, 1, 1}, {0, 10, 0, 0}}, x),
                Pointwise(FloatNear(1e-5f), std::vector<float>{-6 * a, 10 - a, -b, -b, 2 * a, 10 + 3 * a, b, b}));
    // groups = -1: each channel alone (instance normalization), no weights.
    const gf::LayerSpec instance = gf::GroupNormalization{.groups = -1, .center = false, .scale = false}.spec();
    const float c = 1.0f / std::sqrt(4.0f + eps), d = 1.0f / std::sqrt(1.0f + eps);
    EXPECT_THAT(run({1, 2, 2}, {instance}, {}, {1, 0, 5, 2}),
                Pointwise(FloatNear(1e-5f), std::vector<float>{-2 * c, -d, 2 * c, d}));
}

TEST(ImageLayerWeights, AsKerasCountsThem) {
    using Model = gf::Sequential<gf::Input{{8, 6, 4}}, gf::PReLU{.shared_axes = {1, 2}}, gf::PReLU{},
                                 gf::GroupNormalization{.groups = 2}, gf::GroupNormalization{.groups = -1, .center = false},
                                 gf::Rescaling{.scale = 2.0f}, gf::DepthToSpace{}, gf::SpaceToDepth{},
                                 gf::ReflectionPadding2D{}, gf::ReplicationPadding2D{.padding = {1, 2}}>;
    // PReLU: alpha [1, 1, 4] and [8, 6, 4]; GroupNormalization: gamma, beta [4], gamma [4].
    static_assert(Model::param_count == 4 + 8 * 6 * 4 + 8 + 4);
    static_assert(Model::output_shape == gf::Shape{12, 12, 4});
    const gf::LayerTensors alpha = gf::layer_tensors(Model::spec().layers[0]);
    ASSERT_EQ(alpha.count, 1u);
    EXPECT_THAT(alpha.tensors[0].dims, ElementsAre(1, 1, 4, 0));
    EXPECT_EQ(gf::keras_name(alpha.tensors[0].role), "alpha");
}

// A fully convolutional model declared at 8x8, run on other sizes: the same
// as the model declared at that size, with the same weights.
using Upscaler8 = gf::Sequential<
    gf::Input{{8, 8, 3}}, gf::ReflectionPadding2D{.padding = 1}, gf::Conv2D{.filters = 8, .kernel_size = 3},
    gf::GroupNormalization{.groups = -1}, gf::PReLU{.shared_axes = {1, 2}}, gf::SpaceToDepth{},
    gf::Conv2D{.filters = 12, .kernel_size = 3, .padding = gf::Padding::same}, gf::DepthToSpace{.block_size = 2},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}>;
using Upscaler12x6 = gf::Sequential<
    gf::Input{{12, 6, 3}}, gf::ReflectionPadding2D{.padding = 1}, gf::Conv2D{.filters = 8, .kernel_size = 3},
    gf::GroupNormalization{.groups = -1}, gf::PReLU{.shared_axes = {1, 2}}, gf::SpaceToDepth{},
    gf::Conv2D{.filters = 12, .kernel_size = 3, .padding = gf::Padding::same}, gf::DepthToSpace{.block_size = 2},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}>;

TEST(PredictImage, AnySizeTheModelTakesIsTheModelDeclaredAtThatSize) {
    static_assert(Upscaler8::output_extent(12, 6) == Upscaler12x6::output_shape);
    static_assert(Upscaler8::output_extent(8, 8) == Upscaler8::output_shape);
    gf::Weights<Upscaler8> weights;
    gf::fill_glorot_uniform(weights, 7);
    for (float& a : weights.tensor(weights.entries()[4])) a = 0.25f;  // PReLU's slopes
    ASSERT_EQ(weights.entries()[4].tensor.role, gf::WeightRole::alpha);
    gf::Weights<Upscaler12x6> same;
    same.set_weights(weights.get_weights());
    std::vector<float> image(2 * 12 * 6 * 3);
    for (std::size_t i = 0; i < image.size(); ++i) image[i] = float((i * 37) % 101) / 50.0f - 1.0f;
    std::vector<float> expected(2 * Upscaler12x6::output_shape.size()), got(expected.size());
    gf::Interpreter<Upscaler12x6>(same).predict(image, expected, 2);
    gf::Interpreter<Upscaler8>(weights).predict_image(image, 12, 6, got, 2);
    EXPECT_THAT(got, ElementsAreArray(expected));
}

TEST(PredictImage, ASizeTheModelCannotTakeNamesTheLayer) {
    gf::Weights<Upscaler8> weights;
    const gf::Interpreter<Upscaler8> net(weights);
    std::vector<float> image(9 * 8 * 3), out(1000);
    // SpaceToDepth needs even sizes; reflection needs more than one row.
    EXPECT_THAT([&] { net.predict_image(image, 9, 8, out); },
                testing::ThrowsMessage<gf::Error>(testing::HasSubstr(
                    "the model cannot take an image of 9x8: SpaceToDepth (layer 5, 'space_to_depth_1'): its input's "
                    "height and width (9, 8) are not multiples of block_size (2)")));
    EXPECT_THROW((void)Upscaler8::output_extent(9, 8), gf::Error);
    EXPECT_THROW((void)Upscaler8::output_extent(1, 8), gf::Error);
    // A Dense reading a flattened image has weights for one size only.
    using Flat = gf::Sequential<gf::Input{{4, 4, 1}}, gf::Flatten{}, gf::Dense{.units = 2}>;
    EXPECT_THAT([] { (void)Flat::output_extent(4, 8); },
                testing::ThrowsMessage<gf::Error>(testing::HasSubstr(
                    "Dense (layer 2): its weights follow the image size (66 values at this size, 34 as declared)")));
    // Sizes that do not fit the span given.
    EXPECT_THROW(net.predict_image(image, 8, 8, out), gf::Error);
}

}  // namespace
