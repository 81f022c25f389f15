// Every ONNX reference case (refcases-onnx and refcases-i2i: PyTorch 1.13
// exports), read from its model.onnx, reproduces PyTorch's output through
// the interpreter and through `ganforge predict` in both layouts, at the
// file's batch and (every case) at batch 1; and the translations PyTorch's
// padding calls for: 'same' where it is the same window, crops, pads and
// output_padding where it is not; the image-to-image generators' operators
// with no layer added.
#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/ganforge.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/readers/model_file.hpp>
#include <ganforge/runtime/tensor_layout.hpp>

#include "cli_runner.hpp"
#include "imported_cases.hpp"
#include "refcase.hpp"

namespace {

namespace gf = ganforge;
using nlohmann::json;

struct OnnxCase {
    std::filesystem::path dir;
    json info;
    std::size_t batch;
    std::vector<float> input_nchw, output_nchw, output_nhwc;

    // `path`: one of refcase::case_paths(refcase::onnx_sets).
    explicit OnnxCase(const std::string& path)
        : dir(refcase::shared_dir() / path),
          info(json::parse(std::ifstream(dir / "case.json"))),
          batch(info["inputs"][0]["shape"][0].get<std::size_t>()),
          input_nchw(refcase::read_floats(dir / "input.bin")),
          output_nchw(refcase::read_floats(dir / "output.bin")),
          output_nhwc(refcase::read_floats(dir / "output_nhwc.bin")) {}
};

// The interpreter on NCHW input: transposed in, run, its NHWC output.
std::vector<float> run_nhwc(const gf::ModelWithWeights& m, std::span<const float> nchw, std::size_t batch) {
    const gf::ModelSpec& spec = m.weights.model();
    std::vector<float> in(nchw.size()), out(batch * spec.output_shape().size());
    gf::to_channels_last(nchw, in, spec.input_shape(), batch);
    gf::InterpreterCore(m.weights).predict(std::vector<std::span<const float>>{in}, out, batch);
    return out;
}

class RefcaseOnnx : public ::testing::TestWithParam<std::string> {};

TEST_P(RefcaseOnnx, InterpreterReproducesPyTorch) {
    const OnnxCase c(GetParam());
    const gf::ModelWithWeights m = gf::read_model_with_weights(c.dir / "model.onnx");
    EXPECT_EQ(m.model.layout, gf::TensorLayout::nchw);
    EXPECT_TRUE(refcase::near_reference(run_nhwc(m, c.input_nchw, c.batch), c.output_nhwc));
}

// A fixed-batch export runs at any batch: its Reshape's literal batch is the batch axis.
TEST_P(RefcaseOnnx, FirstSampleAloneGivesItsOutput) {
    const OnnxCase c(GetParam());
    const gf::ModelWithWeights m = gf::read_model_with_weights(c.dir / "model.onnx");
    const std::size_t in = c.input_nchw.size() / c.batch, out = c.output_nhwc.size() / c.batch;
    EXPECT_TRUE(refcase::near_reference(run_nhwc(m, std::span(c.input_nchw).first(in), 1),
                                        std::span(c.output_nhwc).first(out)));
}

TEST_P(RefcaseOnnx, PredictCommandInBothLayouts) {
    const OnnxCase c(GetParam());
    const refcase::TempDir tmp("refcase_onnx");
    const std::string model = (c.dir / "model.onnx").string(), out = (tmp / "out.bin").string();
    const auto nchw = cli_runner::run({"predict", model, "--input", (c.dir / "input.bin").string(), "--output", out});
    ASSERT_EQ(nchw.exit_code, 0) << nchw.err;
    EXPECT_TRUE(refcase::near_reference(refcase::read_floats(out), c.output_nchw));

    const gf::ModelWithWeights m = gf::read_model_with_weights(model);
    std::vector<float> input_nhwc(c.input_nchw.size());
    gf::to_channels_last(c.input_nchw, input_nhwc, m.weights.model().input_shape(), c.batch);
    const std::string in = (tmp / "in_nhwc.bin").string();
    std::ofstream(in, std::ios::binary)
        .write(reinterpret_cast<const char*>(input_nhwc.data()), std::streamsize(input_nhwc.size() * sizeof(float)));
    const auto nhwc = cli_runner::run({"predict", model, "--input", in, "--output", out, "--layout", "nhwc"});
    ASSERT_EQ(nhwc.exit_code, 0) << nhwc.err;
    EXPECT_TRUE(refcase::near_reference(refcase::read_floats(out), c.output_nhwc));
}

// The type `ganforge import` wrote at build time, its weights read by
// load_weights from the .onnx.
TEST_P(RefcaseOnnx, ImportedTypeWithLoadWeights) {
    const OnnxCase c(GetParam());
    const auto& cases = imported_cases();
    const auto it = std::find_if(cases.begin(), cases.end(),
                                 [&](const ImportedCase& i) { return i.name == "onnx-" + c.dir.filename().string(); });
    ASSERT_NE(it, cases.end()) << "re-run cmake to import it";
    std::vector<float> input(c.input_nchw.size());
    gf::to_channels_last(c.input_nchw, input, gf::read_model_config(c.dir / "model.onnx").spec.input_shape(), c.batch);
    const std::vector<std::span<const float>> inputs{input};
    EXPECT_TRUE(refcase::near_reference(it->run(c.dir / "model.onnx", inputs, c.batch), c.output_nhwc));
}

INSTANTIATE_TEST_SUITE_P(All, RefcaseOnnx, ::testing::ValuesIn(refcase::case_paths(refcase::onnx_sets)),
                         refcase::CaseName{});

// The Keras layers a case's file becomes, by class, in order.
std::vector<std::string> classes(const std::string& name, const char* set = refcase::onnx) {
    const gf::ModelWithWeights m = gf::read_model_with_weights(refcase::case_dir(name, set) / "model.onnx");
    std::vector<std::string> out;
    for (const gf::LayerSpec& l : m.weights.model().layers) out.emplace_back(gf::keras_class_name(l.kind));
    return out;
}

const gf::LayerSpec& first_layer(const gf::ModelWithWeights& m) { return m.weights.model().layers.front(); }

TEST(OnnxTranslation, PyTorchPaddingThatIsKerasSameStaysOneLayer) {
    for (const char* name : {"tconv_k4_s2_p1", "tconv_k3_s1_p1", "tconv_k5_s1_p2", "tconv_k2_s2_p0",
                             "tconv_k1_s2_p0_op1", "conv_k3_s1_p1", "conv_k4_s2_p1_in8"}) {
        const auto m = gf::read_model_with_weights(refcase::case_dir(name, refcase::onnx) / "model.onnx");
        ASSERT_EQ(m.weights.model().layers.size(), 1u) << name;
        EXPECT_EQ(first_layer(m).padding, gf::Padding::same) << name;
    }
    for (const char* name : {"tconv_k4_s2_p0", "tconv_k4_s1_p0_in1x1", "conv_k5_s1_p0", "conv_k3_s1_p0_nobias"}) {
        const auto m = gf::read_model_with_weights(refcase::case_dir(name, refcase::onnx) / "model.onnx");
        ASSERT_EQ(m.weights.model().layers.size(), 1u) << name;
        EXPECT_EQ(first_layer(m).padding, gf::Padding::valid) << name;
    }
}

TEST(OnnxTranslation, OtherPaddingIsACropOrAPad) {
    // k3 s2 p1 output_padding 1 drops 1 at the start and 0 at the end: not 'same'.
    EXPECT_EQ(classes("tconv_k3_s2_p1_op1"), (std::vector<std::string>{"Conv2DTranspose", "Cropping2D"}));
    EXPECT_EQ(classes("tconv_k4_s2_p2"), (std::vector<std::string>{"Conv2DTranspose", "Cropping2D"}));
    // Padding 1 + 1 on an 8-wide axis where 'same' pads 0 + 1.
    EXPECT_EQ(classes("conv_k3_s2_p1_in7x8"), (std::vector<std::string>{"ZeroPadding2D", "Conv2D"}));
    // Two bias-only rows and columns past the full output.
    const auto m = gf::read_model_with_weights(refcase::case_dir("tconv_k3_s3_p0_op2", refcase::onnx) / "model.onnx");
    ASSERT_EQ(m.weights.model().layers.size(), 1u);
    EXPECT_EQ(first_layer(m).output_padding, gf::OutputPadding(2, 2));
}

TEST(OnnxTranslation, ResizeModesAreUpSampling2DInterpolations) {
    auto interpolation = [](const char* name) {
        const auto m = gf::read_model_with_weights(refcase::case_dir(name, refcase::onnx) / "model.onnx");
        return first_layer(m).interpolation;
    };
    EXPECT_EQ(interpolation("upsample_nearest_x2x3"), gf::Interpolation::nearest);
    EXPECT_EQ(interpolation("upsample_bilinear_x2_align_false"), gf::Interpolation::bilinear);
    EXPECT_EQ(interpolation("upsample_bilinear_x2_align_true"), gf::Interpolation::bilinear_align_corners);
}

TEST(OnnxTranslation, BatchNormEpsilonIsTheFilesAndIdentityInitializersResolve) {
    const auto m =
        gf::read_model_with_weights(refcase::case_dir("bn_default_init_identity", refcase::onnx) / "model.onnx");
    std::size_t batch_norms = 0;
    for (const gf::LayerSpec& l : m.weights.model().layers)
        if (l.kind == gf::LayerKind::batch_normalization) {
            EXPECT_EQ(l.epsilon, 9.99999975e-06f);
            ++batch_norms;
        }
    EXPECT_EQ(batch_norms, 2u);
}

// The generators' image-to-image operators add no layer: PixelShuffle's CRD
// order goes into the Conv before it, torch's pads subgraph gives each
// ReflectionPad2d one layer, and affine=False InstanceNorms and
// nn.PReLU(C) carry PyTorch's parameters and no more.
TEST(OnnxTranslation, ImageToImageGeneratorsGainNoLayer) {
    auto count = [](const std::vector<std::string>& classes, const std::string& name) {
        return std::count(classes.begin(), classes.end(), name);
    };
    const std::vector<std::string> srvgg = classes("srvgg_f16_c4_x4_16x16", refcase::i2i);
    EXPECT_EQ(count(srvgg, "Conv2D"), 6);
    EXPECT_EQ(count(srvgg, "PReLU"), 5);
    const std::vector<std::string> cyclegan = classes("cyclegan_resnet_ngf16_b3_32x32", refcase::i2i);
    EXPECT_EQ(count(cyclegan, "ReflectionPadding2D"), 8);
    EXPECT_EQ(count(cyclegan, "GroupNormalization"), 11);
    EXPECT_EQ(count(classes("rrdbnet_f32_g16_b2_x4_16x16", refcase::i2i), "Rescaling"), 8);
    for (const std::string& name : refcase::case_names(refcase::i2i)) {
        const OnnxCase c(std::string(refcase::i2i) + "/" + name);
        const gf::ModelWithWeights m = gf::read_model_with_weights(c.dir / "model.onnx");
        EXPECT_EQ(gf::param_count(m.weights.model()).total(), c.info["param_count"].get<std::size_t>()) << name;
    }
}

// load_weights reads an ONNX file's weights into a model declared in C++.
TEST(OnnxTranslation, LoadWeightsIntoADeclaredModel) {
    using Dcgan = gf::Sequential<
        gf::Input{{1, 1, 10}}, gf::Conv2DTranspose{.filters = 32, .kernel_size = 4, .use_bias = false},
        gf::BatchNormalization{.epsilon = 1e-5f}, gf::ReLU{},
        gf::Conv2DTranspose{.filters = 16, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same,
                            .use_bias = false},
        gf::BatchNormalization{.epsilon = 1e-5f}, gf::ReLU{},
        gf::Conv2DTranspose{.filters = 8, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same,
                            .use_bias = false},
        gf::BatchNormalization{.epsilon = 1e-5f}, gf::ReLU{},
        gf::Conv2DTranspose{.filters = 1, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same,
                            .use_bias = false},
        gf::ActivationLayer{gf::Activation::tanh}>;
    const OnnxCase c(std::string(refcase::onnx) + "/dcgan32_nz10_ngf8_nc1");
    const auto weights = gf::load_weights<Dcgan>(c.dir / "model.onnx");
    std::vector<float> out(c.output_nhwc.size());
    gf::Interpreter<Dcgan>(weights).predict(c.input_nchw, out, c.batch);  // a 1x1 latent reads the same either way
    EXPECT_TRUE(refcase::near_reference(out, c.output_nhwc));
}

}  // namespace
