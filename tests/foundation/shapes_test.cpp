// Keras' output shapes and parameter counts, layer by layer and option by
// option: at compile time through Sequential (static_assert) and at run time
// through spec() and make_model_spec (the importer's path). The convolution
// tables are the reference cases' shapes (as TensorFlow.js computed them);
// the other figures are Keras' formulas worked by hand.
#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/models.hpp"
#include <ganforge/ganforge.hpp>

#include "test_support.hpp"

namespace {

namespace gf = ganforge;
using gf::Padding;
using gf::Shape;

// A model of one layer after its input.
template <Shape in, auto layer>
using One = gf::Sequential<gf::Input{in}, layer>;

// The same layer's shape and counts at run time, without the DSL.
gf::LayerSpec infer_one(Shape in, gf::LayerSpec layer) {
    return gf::make_model_spec(in, {layer}).layers.front();
}

// ---- Conv2DTranspose: every reference case refcases/tconv_* ---------------

struct ConvCase {
    const char* name;  // the refcase, or the rule a hand-made case checks
    Shape input;
    int filters;
    gf::Size2 kernel, strides;
    Padding padding;
    bool use_bias;
    Shape output;
    std::size_t params;

    constexpr gf::Conv2DTranspose transpose() const {
        return {.filters = filters, .kernel_size = kernel, .strides = strides,
                .padding = padding, .use_bias = use_bias};
    }
    constexpr gf::Conv2D conv() const {
        return {.filters = filters, .kernel_size = kernel, .strides = strides,
                .padding = padding, .use_bias = use_bias};
    }
};

constexpr Shape in468{4, 6, 8};
constexpr auto same = Padding::same;
constexpr auto valid = Padding::valid;

constexpr std::array tconv_cases{
    ConvCase{"tconv_k1_s1_same", in468, 4, 1, 1, same, true, {4, 6, 4}, 36},
    ConvCase{"tconv_k1_s1_valid", in468, 4, 1, 1, valid, true, {4, 6, 4}, 36},
    ConvCase{"tconv_k1_s2_same", in468, 4, 1, 2, same, true, {8, 12, 4}, 36},
    ConvCase{"tconv_k1_s2_valid", in468, 4, 1, 2, valid, true, {8, 12, 4}, 36},
    ConvCase{"tconv_k1_s3_same", in468, 4, 1, 3, same, true, {12, 18, 4}, 36},
    ConvCase{"tconv_k1_s3_valid", in468, 4, 1, 3, valid, true, {12, 18, 4}, 36},
    ConvCase{"tconv_k2_s1_same", in468, 6, 2, 1, same, true, {4, 6, 6}, 198},
    ConvCase{"tconv_k2_s1_valid", in468, 6, 2, 1, valid, true, {5, 7, 6}, 198},
    ConvCase{"tconv_k2_s2_same", in468, 6, 2, 2, same, true, {8, 12, 6}, 198},
    ConvCase{"tconv_k2_s2_valid", in468, 6, 2, 2, valid, true, {8, 12, 6}, 198},
    ConvCase{"tconv_k2_s3_same", in468, 6, 2, 3, same, true, {12, 18, 6}, 198},
    ConvCase{"tconv_k2_s3_valid", in468, 6, 2, 3, valid, true, {12, 18, 6}, 198},
    ConvCase{"tconv_k3_s1_same", in468, 8, 3, 1, same, true, {4, 6, 8}, 584},
    ConvCase{"tconv_k3_s1_valid", in468, 8, 3, 1, valid, true, {6, 8, 8}, 584},
    ConvCase{"tconv_k3_s2_same", in468, 8, 3, 2, same, true, {8, 12, 8}, 584},
    ConvCase{"tconv_k3_s2_same_in5x5", {5, 5, 8}, 8, 3, 2, same, true, {10, 10, 8}, 584},
    ConvCase{"tconv_k3_s2_same_nobias", in468, 8, 3, 2, same, false, {8, 12, 8}, 576},
    ConvCase{"tconv_k3_s2_valid", in468, 8, 3, 2, valid, true, {9, 13, 8}, 584},
    ConvCase{"tconv_k3_s3_same", in468, 8, 3, 3, same, true, {12, 18, 8}, 584},
    ConvCase{"tconv_k3_s3_valid", in468, 8, 3, 3, valid, true, {12, 18, 8}, 584},
    ConvCase{"tconv_k3x5_s2x1_same", in468, 6, {3, 5}, {2, 1}, same, true, {8, 6, 6}, 726},
    ConvCase{"tconv_k3x5_s2x1_valid", in468, 6, {3, 5}, {2, 1}, valid, true, {9, 10, 6}, 726},
    ConvCase{"tconv_k4_s1_same", in468, 12, 4, 1, same, true, {4, 6, 12}, 1548},
    ConvCase{"tconv_k4_s1_valid", in468, 12, 4, 1, valid, true, {7, 9, 12}, 1548},
    ConvCase{"tconv_k4_s2_same", in468, 12, 4, 2, same, true, {8, 12, 12}, 1548},
    ConvCase{"tconv_k4_s2_same_in5x5", {5, 5, 8}, 8, 4, 2, same, true, {10, 10, 8}, 1032},
    ConvCase{"tconv_k4_s2_valid", in468, 12, 4, 2, valid, true, {10, 14, 12}, 1548},
    ConvCase{"tconv_k4_s3_same", in468, 12, 4, 3, same, true, {12, 18, 12}, 1548},
    ConvCase{"tconv_k4_s3_valid", in468, 12, 4, 3, valid, true, {13, 19, 12}, 1548},
    ConvCase{"tconv_k5_s1_same", in468, 16, 5, 1, same, true, {4, 6, 16}, 3216},
    ConvCase{"tconv_k5_s1_valid", in468, 16, 5, 1, valid, true, {8, 10, 16}, 3216},
    ConvCase{"tconv_k5_s2_same", in468, 16, 5, 2, same, true, {8, 12, 16}, 3216},
    ConvCase{"tconv_k5_s2_valid", in468, 16, 5, 2, valid, true, {11, 15, 16}, 3216},
    ConvCase{"tconv_k5_s2_valid_in5x5", {5, 5, 8}, 8, 5, 2, valid, true, {13, 13, 8}, 1608},
    ConvCase{"tconv_k5_s3_same", in468, 16, 5, 3, same, true, {12, 18, 16}, 3216},
    ConvCase{"tconv_k5_s3_valid", in468, 16, 5, 3, valid, true, {14, 20, 16}, 3216},
    // The tutorial's 1x1 stride 2 and its generator's 3x3 stride 2 layer.
    ConvCase{"seed_tconv_1x1_s2", {2, 2, 1}, 1, 1, 2, valid, true, {4, 4, 1}, 2},
    ConvCase{"seed_generator_tconv layer 3", {5, 5, 128}, 1, 3, 2, same, true, {10, 10, 1}, 1153},
};

// ---- Conv2D: every reference case refcases/conv2d_*, then kernels
// smaller than their stride (Keras' conv_output_length: valid
// floor((in - k) / s) + 1, same ceil(in / s)) -----------------------------

constexpr Shape in774{7, 7, 4};
constexpr Shape in884{8, 8, 4};

constexpr std::array conv_cases{
    ConvCase{"conv2d_k3_s1_same_in7", in774, 6, 3, 1, same, true, {7, 7, 6}, 222},
    ConvCase{"conv2d_k3_s1_same_in8", in884, 6, 3, 1, same, true, {8, 8, 6}, 222},
    ConvCase{"conv2d_k3_s1_valid_in7", in774, 6, 3, 1, valid, true, {5, 5, 6}, 222},
    ConvCase{"conv2d_k3_s1_valid_in8", in884, 6, 3, 1, valid, true, {6, 6, 6}, 222},
    ConvCase{"conv2d_k3_s2_same_in7", in774, 6, 3, 2, same, true, {4, 4, 6}, 222},
    ConvCase{"conv2d_k3_s2_same_in8", in884, 6, 3, 2, same, true, {4, 4, 6}, 222},
    ConvCase{"conv2d_k3_s2_valid_in7", in774, 6, 3, 2, valid, true, {3, 3, 6}, 222},
    ConvCase{"conv2d_k3_s2_valid_in8", in884, 6, 3, 2, valid, true, {3, 3, 6}, 222},
    ConvCase{"conv2d_k3x5_s1x2_same_in7x8", {7, 8, 4}, 6, {3, 5}, {1, 2}, same, true, {7, 4, 6}, 366},
    ConvCase{"conv2d_k5_s1_same_in7", in774, 6, 5, 1, same, true, {7, 7, 6}, 606},
    ConvCase{"conv2d_k5_s1_same_in8", in884, 6, 5, 1, same, true, {8, 8, 6}, 606},
    ConvCase{"conv2d_k5_s1_valid_in7", in774, 6, 5, 1, valid, true, {3, 3, 6}, 606},
    ConvCase{"conv2d_k5_s1_valid_in8", in884, 6, 5, 1, valid, true, {4, 4, 6}, 606},
    ConvCase{"conv2d_k5_s2_same_in7", in774, 6, 5, 2, same, true, {4, 4, 6}, 606},
    ConvCase{"conv2d_k5_s2_same_in8", in884, 6, 5, 2, same, true, {4, 4, 6}, 606},
    ConvCase{"conv2d_k5_s2_valid_in7", in774, 6, 5, 2, valid, true, {2, 2, 6}, 606},
    ConvCase{"conv2d_k5_s2_valid_in8", in884, 6, 5, 2, valid, true, {2, 2, 6}, 606},
    ConvCase{"kernel 1 < stride 2, valid", in774, 6, 1, 2, valid, true, {4, 4, 6}, 30},
    ConvCase{"kernel 1 < stride 3, valid", in884, 6, 1, 3, valid, true, {3, 3, 6}, 30},
    ConvCase{"kernel 2 < stride 3, valid", in884, 6, 2, 3, valid, true, {3, 3, 6}, 102},
    ConvCase{"kernel 2 < stride 3, same", in884, 6, 2, 3, same, true, {3, 3, 6}, 102},
    ConvCase{"kernel as large as the input, valid", {3, 5, 2}, 1, {3, 5}, 1, valid, false, {1, 1, 1}, 30},
    ConvCase{"kernel larger than the input, same", {2, 2, 1}, 1, 3, 1, same, true, {2, 2, 1}, 10},
    ConvCase{"no bias", in884, 6, 3, 1, same, false, {8, 8, 6}, 216},
};

// The DSL agrees with every table row, at compile time.
template <const auto& cases, bool transpose, std::size_t... I>
constexpr bool dsl_agrees(std::index_sequence<I...>) {
    auto row = []<std::size_t i>() {
        constexpr ConvCase c = cases[i];
        using M = std::conditional_t<transpose, One<c.input, c.transpose()>, One<c.input, c.conv()>>;
        return M::output_shape == c.output && M::param_count == c.params &&
               M::trainable_param_count == c.params && M::non_trainable_param_count == 0;
    };
    return (row.template operator()<I>() && ...);
}
static_assert(dsl_agrees<tconv_cases, true>(std::make_index_sequence<tconv_cases.size()>{}));
static_assert(dsl_agrees<conv_cases, false>(std::make_index_sequence<conv_cases.size()>{}));

TEST(Conv2DTransposeShape, EveryRefcaseAtRunTime) {
    for (const ConvCase& c : tconv_cases) {
        const gf::LayerSpec l = infer_one(c.input, c.transpose().spec());
        EXPECT_EQ(l.output_shape, c.output) << c.name;
        EXPECT_EQ(gf::layer_params(l).total(), c.params) << c.name;
    }
}

TEST(Conv2DShape, EveryRefcaseAtRunTime) {
    for (const ConvCase& c : conv_cases) {
        const gf::LayerSpec l = infer_one(c.input, c.conv().spec());
        EXPECT_EQ(l.output_shape, c.output) << c.name;
        EXPECT_EQ(gf::layer_params(l).total(), c.params) << c.name;
    }
}

// ---- Dense, on a flat input and on an image (Keras applies it to the last
// axis) --------------------------------------------------------------------

static_assert(One<Shape{100}, gf::Dense{.units = 3200}>::output_shape == Shape{3200});
static_assert(One<Shape{100}, gf::Dense{.units = 3200}>::param_count == 100 * 3200 + 3200);
static_assert(One<Shape{100}, gf::Dense{.units = 10, .use_bias = false}>::param_count == 1000);
static_assert(One<Shape{5, 5, 8}, gf::Dense{.units = 4}>::output_shape == Shape{5, 5, 4});
static_assert(One<Shape{5, 5, 8}, gf::Dense{.units = 4}>::param_count == 8 * 4 + 4);
static_assert(One<Shape{1}, gf::Dense{.units = 1, .activation = gf::Activation::tanh}>::param_count == 2);

TEST(DenseShape, ActsOnTheLastAxisOfAnImage) {
    const gf::LayerSpec l = infer_one({5, 5, 8}, gf::Dense{.units = 4}.spec());
    EXPECT_EQ(l.output_shape, (Shape{5, 5, 4}));
    const auto tensors = gf::layer_tensors(l);
    ASSERT_EQ(tensors.count, 2u);
    EXPECT_EQ(tensors.tensors[0].size(), 32u);  // kernel [8, 4], not [200, 4]
}

// ---- UpSampling2D: any positive integer sizes, both interpolations ----------

static_assert(One<Shape{2, 2, 1}, gf::UpSampling2D{}>::output_shape == Shape{4, 4, 1});
static_assert(One<Shape{2, 2, 1}, gf::UpSampling2D{.size = {2, 3}}>::output_shape == Shape{4, 6, 1});
static_assert(One<Shape{5, 5, 3}, gf::UpSampling2D{.size = {3, 2}}>::output_shape == Shape{15, 10, 3});
static_assert(One<Shape{3, 4, 2}, gf::UpSampling2D{.size = {2, 3}}>::output_shape == Shape{6, 12, 2});
static_assert(One<Shape{3, 4, 2}, gf::UpSampling2D{.size = 1}>::output_shape == Shape{3, 4, 2});
static_assert(One<Shape{3, 4, 2}, gf::UpSampling2D{.size = {4, 1}}>::output_shape == Shape{12, 4, 2});
static_assert(One<Shape{5, 5, 3}, gf::UpSampling2D{.interpolation = gf::Interpolation::bilinear}>::output_shape ==
              Shape{10, 10, 3});
static_assert(One<Shape{5, 5, 3}, gf::UpSampling2D{.size = 7}>::param_count == 0);

TEST(UpSampling2DShape, AnySizeAtRunTime) {
    for (int rows = 1; rows <= 4; ++rows)
        for (int cols = 1; cols <= 4; ++cols) {
            const gf::LayerSpec l =
                infer_one({3, 5, 2}, gf::UpSampling2D{.size = {rows, cols}}.spec());
            EXPECT_EQ(l.output_shape, (Shape{3u * rows, 5u * cols, 2})) << rows << "x" << cols;
            EXPECT_EQ(gf::layer_params(l).total(), 0u);
        }
}

// ---- BatchNormalization: 2C trainable (gamma, beta) + 2C non-trainable
// (moving statistics); center / scale off drop beta / gamma ----------------

template <gf::BatchNormalization bn>
using Bn = One<Shape{5, 5, 4}, bn>;
static_assert(Bn<gf::BatchNormalization{}>::output_shape == Shape{5, 5, 4});
static_assert(Bn<gf::BatchNormalization{}>::param_count == 16);
static_assert(Bn<gf::BatchNormalization{}>::trainable_param_count == 8);
static_assert(Bn<gf::BatchNormalization{}>::non_trainable_param_count == 8);
static_assert(Bn<gf::BatchNormalization{.center = false}>::trainable_param_count == 4);
static_assert(Bn<gf::BatchNormalization{.center = false}>::non_trainable_param_count == 8);
static_assert(Bn<gf::BatchNormalization{.scale = false}>::trainable_param_count == 4);
static_assert(Bn<gf::BatchNormalization{.scale = false}>::param_count == 12);
static_assert(Bn<gf::BatchNormalization{.center = false, .scale = false}>::trainable_param_count == 0);
static_assert(Bn<gf::BatchNormalization{.center = false, .scale = false}>::param_count == 8);
static_assert(One<Shape{1024}, gf::BatchNormalization{.epsilon = 0.01f}>::param_count == 4096);

// ---- Shape-keeping and shape-changing layers without weights -------------

static_assert(One<Shape{5, 5, 128}, gf::Flatten{}>::output_shape == Shape{3200});
static_assert(One<Shape{3200}, gf::Flatten{}>::output_shape == Shape{3200});
static_assert(One<Shape{3200}, gf::Reshape{{5, 5, 128}}>::output_shape == Shape{5, 5, 128});
static_assert(One<Shape{5, 5, 128}, gf::Reshape{{3200}}>::output_shape == Shape{3200});
static_assert(One<Shape{10, 10, 1}, gf::Reshape{{5, 20, 1}}>::output_shape == Shape{5, 20, 1});
static_assert(One<Shape{7, 7, 4}, gf::Dropout{.rate = 0.4f}>::output_shape == Shape{7, 7, 4});
static_assert(One<Shape{7, 7, 4}, gf::Dropout{}>::param_count == 0);
static_assert(One<Shape{7, 7, 4}, gf::ReLU{}>::output_shape == Shape{7, 7, 4});
static_assert(One<Shape{6272}, gf::LeakyReLU{.alpha = 0.2f}>::output_shape == Shape{6272});
static_assert(One<Shape{6272}, gf::LeakyReLU{}>::param_count == 0);

TEST(ActivationShapes, EveryLayerKeepsItsInputShape) {
    for (const gf::LayerSpec& layer :
         {gf::ReLU{}.spec(), gf::LeakyReLU{}.spec(), gf::Dropout{.rate = 0.5f}.spec(),
          gf::ActivationLayer{.activation = gf::Activation::tanh}.spec(),
          gf::ActivationLayer{.activation = gf::Activation::exponential}.spec()}) {
        const gf::LayerSpec l = infer_one({3, 4, 5}, layer);
        EXPECT_EQ(l.output_shape, (Shape{3, 4, 5})) << gf::keras_class_name(l.kind);
        EXPECT_EQ(gf::layer_params(l).total(), 0u);
    }
}

// ---- Whole models -----------------------------------------------------------

static_assert(examples::SeedUpsample::param_count == 324'353);  // the tutorial's summary
static_assert(examples::SeedUpsample::output_shape == Shape{10, 10, 1});
static_assert(examples::SeedTconv::param_count == 324'353);
static_assert(examples::SeedTconv::output_shape == Shape{10, 10, 1});
static_assert(examples::SeedTconv::layer_count == 3);
static_assert(examples::MnistGen::param_count == 1'164'289);  // refcase mnist_generator
static_assert(examples::MnistGen::output_shape == Shape{28, 28, 1});
static_assert(examples::CifarGen::param_count == 1'466'115);  // refcase cifar_generator
static_assert(examples::CifarGen::output_shape == Shape{32, 32, 3});
// Dense 100x16384 (no bias) + BN 4x16384 + Conv2DTranspose 5x5x512x1024 +
// BN 4x512 + 5x5x256x512 + BN 4x256 + 5x5x128x256 + BN 4x128 + 5x5x3x128 + 3.
static_assert(examples::Dcgan64::param_count == 18'920'323);
static_assert(examples::Dcgan64::non_trainable_param_count == 2 * (16384 + 512 + 256 + 128));
static_assert(examples::Dcgan64::output_shape == Shape{64, 64, 3});
static_assert(examples::Dcgan64::layer_count == 14);

// refcase dcgan_bn_small: 160227 parameters.
using DcganBnSmall = gf::Sequential<
    gf::Input{{100}}, gf::Dense{.units = 1024, .use_bias = false}, gf::BatchNormalization{},
    gf::ReLU{}, gf::Reshape{{4, 4, 64}},
    gf::Conv2DTranspose{.filters = 32, .kernel_size = 5, .strides = 2, .padding = same,
                        .use_bias = false},
    gf::BatchNormalization{}, gf::ReLU{},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = 5, .strides = 2, .padding = same,
                        .activation = gf::Activation::tanh}>;
static_assert(DcganBnSmall::param_count == 160'227);
static_assert(DcganBnSmall::output_shape == Shape{16, 16, 3});

// refcase discriminator_small: 3265 parameters, Flatten then Dense(1).
using DiscriminatorSmall = gf::Sequential<
    gf::Input{{28, 28, 1}},
    gf::Conv2D{.filters = 16, .kernel_size = 3, .strides = 2, .padding = same}, gf::LeakyReLU{},
    gf::Conv2D{.filters = 16, .kernel_size = 3, .strides = 2, .padding = same}, gf::LeakyReLU{},
    gf::Flatten{}, gf::Dense{.units = 1, .activation = gf::Activation::sigmoid}>;
static_assert(DiscriminatorSmall::param_count == 3265);
static_assert(DiscriminatorSmall::output_shape == Shape{1});

// A model of its Input alone is the identity.
static_assert(gf::Sequential<gf::Input{{3, 4, 5}}>::output_shape == Shape{3, 4, 5});
static_assert(gf::Sequential<gf::Input{{3, 4, 5}}>::param_count == 0);
static_assert(gf::Sequential<gf::Input{{3, 4, 5}}>::layer_count == 0);

TEST(ModelSpec, SpecCarriesTheCompileTimeShapesAndCounts) {
    const gf::ModelSpec spec = examples::MnistGen::spec();
    EXPECT_EQ(spec.input_shape(), (Shape{100}));
    EXPECT_EQ(spec.output_shape(), examples::MnistGen::output_shape);
    ASSERT_EQ(spec.layers.size(), examples::MnistGen::layer_count);
    const std::vector<Shape> outputs{{6272},         {6272},         {7, 7, 128},    {14, 14, 128},
                                     {14, 14, 128},  {28, 28, 128},  {28, 28, 128},  {28, 28, 1}};
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        EXPECT_EQ(spec.layers[i].output_shape, outputs[i]) << "layer " << i + 1;
        EXPECT_EQ(spec.layers[i].input_shape, i == 0 ? Shape{100} : outputs[i - 1]) << "layer " << i + 1;
    }
    EXPECT_EQ(gf::param_count(spec).total(), 1'164'289u);
    EXPECT_EQ(gf::param_count(spec).non_trainable, 0u);
    // The spec, rebuilt from undecorated layers, infers the same shapes.
    auto bare = spec.layers;
    for (gf::LayerSpec& l : bare) l.input_shape = l.output_shape = Shape{};
    const gf::ModelSpec again = gf::make_model_spec(spec.input_shapes, bare);
    for (std::size_t i = 0; i < outputs.size(); ++i)
        EXPECT_EQ(again.layers[i].output_shape, outputs[i]) << "layer " << i + 1;
}

TEST(ModelSpec, KerasDefaultNamesNumberEachClassFromOne) {
    EXPECT_THAT(gf::keras_layer_names(examples::MnistGen::spec()),
                testing::ElementsAre("dense_1", "leaky_re_lu_1", "reshape_1", "conv2d_transpose_1",
                                     "leaky_re_lu_2", "conv2d_transpose_2", "leaky_re_lu_3",
                                     "conv2d_1"));
    EXPECT_THAT(gf::keras_layer_names(DcganBnSmall::spec()),
                testing::ElementsAre("dense_1", "batch_normalization_1", "re_lu_1", "reshape_1",
                                     "conv2d_transpose_1", "batch_normalization_2", "re_lu_2",
                                     "conv2d_transpose_2"));
    using Rest = gf::Sequential<gf::Input{{4, 4, 2}}, gf::UpSampling2D{}, gf::Flatten{},
                                gf::Dropout{}, gf::ActivationLayer{}>;
    EXPECT_THAT(gf::keras_layer_names(Rest::spec()),
                testing::ElementsAre("up_sampling2d_1", "flatten_1", "dropout_1", "activation_1"));
}

// The run-time twin of the DSL's static_assert: the importer's path names the
// layer, its position, its name and the values.
TEST(ModelSpec, AChainThatDoesNotFitThrowsNamingTheLayer) {
    const std::vector<gf::LayerSpec> layers{gf::Dense{.units = 3200}.spec(),
                                            gf::Reshape{{5, 5, 127}}.spec()};
    try {
        gf::make_model_spec(Shape{100}, layers, {}, "model.json");
        FAIL() << "no error";
    } catch (const gf::Error& e) {
        EXPECT_STREQ(e.what(),
                     "model.json: Reshape (layer 2, 'reshape_1'): target_shape holds 3175 values, "
                     "its input 3200");
    }
    EXPECT_THROW(gf::make_model_spec(Shape{2, 2, 1}, {gf::Conv2D{.filters = 1, .kernel_size = 3}.spec()}),
                 gf::Error);
    EXPECT_THROW(gf::make_model_spec(Shape{100}, {gf::UpSampling2D{}.spec()}), gf::Error);
    EXPECT_THROW(gf::make_model_spec(Shape{100}, {gf::Dropout{.rate = 1.5f}.spec()}), gf::Error);
    EXPECT_THROW(gf::make_model_spec(Shape{100}, {gf::Dropout{.rate = -0.1f}.spec()}), gf::Error);
    EXPECT_NO_THROW(gf::make_model_spec(Shape{100}, {gf::Dropout{.rate = 1.0f}.spec()}));  // as Keras
    EXPECT_THROW(gf::make_model_spec(Shape{0, 2, 1}, {}), gf::Error);
}

}  // namespace
