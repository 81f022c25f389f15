// UpscalerJS's thirteen trained super-resolution generators, as npm ships
// them (examples/upscale's lockfile; the test command installs them): every
// one summarised with its unknown extents, imported, run at a size of its
// own and its code generated; the three reference cases of refcases-sr
// against TensorFlow.js's own outputs. esrgan-thick's custom classes are
// read as the ganforge layers refcases-sr's README gives their semantics.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ganforge/ganforge.hpp>
#include <ganforge/readers/model_file.hpp>

#include "cli_runner.hpp"
#include "codegen/generator.hpp"
#include "refcase.hpp"

namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

const fs::path packages = GANFORGE_UPSCALERJS_DIR;

struct Upscaler {
    std::string package, model;  // model.json inside the package
    int scale;
};

// Every model the four packages ship.
std::vector<Upscaler> upscalers() {
    std::vector<Upscaler> all{{"default-model", "models/model.json", 2}};
    for (const char* p : {"esrgan-slim", "esrgan-medium", "esrgan-thick"})
        for (int s : {2, 3, 4, 8}) all.push_back({p, fmt::format("models/x{}/model.json", s), s});
    return all;
}

// esrgan-thick's classes, as UpscalerJS registers them.
std::vector<std::string> custom_layer_flags(int scale) {
    return {"--layer", "MultiplyBeta=Rescaling(scale=0.2)", "--layer",
            fmt::format("PixelShuffle{0}x=DepthToSpace(block_size={0})", scale)};
}

ganforge::ReadOptions custom_layers(int scale) {
    return {.custom_layers = {{"MultiplyBeta", "Rescaling(scale=0.2)"},
                              {fmt::format("PixelShuffle{}x", scale), fmt::format("DepthToSpace(block_size={})", scale)}}};
}

class EveryUpscaler : public testing::TestWithParam<Upscaler> {};

TEST_P(EveryUpscaler, SummarisesImportsAndRunsAtAnySize) {
    const Upscaler& u = GetParam();
    const fs::path model = packages / u.package / u.model;
    std::vector<std::string> flags = custom_layer_flags(u.scale);
    const auto summary = cli_runner::run([&] {
        std::vector<std::string> a{"summary", model.string()};
        a.insert(a.end(), flags.begin(), flags.end());
        return a;
    }());
    ASSERT_EQ(summary.exit_code, 0) << summary.err;
    EXPECT_THAT(summary.out, HasSubstr("(InputLayer)"));
    EXPECT_THAT(summary.out, HasSubstr("(None, None, None, 3 0"));
    flags.insert(flags.end(), {"--input-shape", "6,5,3"});
    std::vector<std::string> import{"import", model.string()};
    import.insert(import.end(), flags.begin(), flags.end());
    const auto header = cli_runner::run(import);
    ASSERT_EQ(header.exit_code, 0) << header.err;
    EXPECT_THAT(header.out, HasSubstr(fmt::format("ganforge::Shape{{{}, {}, 3}}", 6 * u.scale, 5 * u.scale)));
    EXPECT_THAT(header.out, testing::Not(HasSubstr("MultiplyBeta")));

    // Read at one size, run at two others: the second as the model read at it.
    ganforge::ReadOptions options = custom_layers(u.scale);
    options.input_shapes = {ganforge::Shape{6, 5, 3}};
    const ganforge::ModelWithWeights m = ganforge::read_model_with_weights(model, options);
    options.input_shapes = {ganforge::Shape{7, 4, 3}};
    const ganforge::ModelWithWeights at_size = ganforge::read_model_with_weights(model, options);
    std::vector<float> image(7 * 4 * 3);
    for (std::size_t i = 0; i < image.size(); ++i) image[i] = float((i * 53) % 256) / (u.package == "esrgan-thick" ? 255.0f : 1.0f);
    const std::size_t out = std::size_t(7 * 4 * 3 * u.scale * u.scale);
    std::vector<float> got(out), want(out);
    ganforge::InterpreterCore(m.weights).predict_image(image, 7, 4, got);
    ganforge::InterpreterCore(at_size.weights).predict(image, want);
    EXPECT_EQ(got, want);
}

// The code generator takes every one, with kernels for any image size.
TEST_P(EveryUpscaler, GeneratesCodeForImagesOfAnySize) {
    const Upscaler& u = GetParam();
    ganforge::ReadOptions options = custom_layers(u.scale);
    options.input_shapes = {ganforge::Shape{16, 16, 3}};
    const ganforge::ModelWithWeights m = ganforge::read_model_with_weights(packages / u.package / u.model, options);
    ganforge::codegen::GeneratorOptions o;
    o.header_name = "upscaler.hpp";
    o.model_type = "Upscaler";
    o.target = "upscaler";
    const std::vector<ganforge::codegen::GeneratedFile> files = ganforge::codegen::generate_files(m.weights.model(), o);
    ASSERT_EQ(files.size(), 5u);
    EXPECT_THAT(files[0].content, HasSubstr("static constexpr bool any_size = true;"));
}

INSTANTIATE_TEST_SUITE_P(UpscalerJS, EveryUpscaler, testing::ValuesIn(upscalers()), [](const auto& info) {
    std::string name = info.param.package + "_x" + std::to_string(info.param.scale);
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
});

// refcases-sr: TensorFlow.js's outputs on a block of the package's fixture.
struct SrCase {
    std::string folder, package, model;
    int scale;
};

class SrReference : public testing::TestWithParam<SrCase> {};

TEST_P(SrReference, MatchesTensorFlowJs) {
    const SrCase& c = GetParam();
    const fs::path dir = refcase::shared_dir() / "refcases-sr" / c.folder;
    const std::vector<float> input = refcase::read_floats(dir / "input.bin");
    const std::vector<float> expected = refcase::read_floats(dir / "output.bin");
    ganforge::ReadOptions options = custom_layers(c.scale);
    options.probe_unknown_extents = true;
    const ganforge::ModelWithWeights m = ganforge::read_model_with_weights(packages / c.package / c.model, options);
    std::vector<float> got(expected.size());
    ganforge::InterpreterCore(m.weights).predict_image(input, 16, 16, got);
    float max_abs = 0.0f, worst = 0.0f;
    for (std::size_t i = 0; i < got.size(); ++i) {
        max_abs = std::max(max_abs, std::fabs(expected[i]));
        worst = std::max(worst, std::fabs(got[i] - expected[i]));
    }
    EXPECT_LE(worst, 1e-4f * max_abs) << "largest difference " << worst << " of outputs up to " << max_abs;
}

INSTANTIATE_TEST_SUITE_P(
    RefcasesSr, SrReference,
    testing::Values(SrCase{"default_model_fixture_16x16_at56", "default-model", "models/model.json", 2},
                    SrCase{"esrgan_slim_x2_fixture_16x16_at56", "esrgan-slim", "models/x2/model.json", 2},
                    SrCase{"esrgan_thick_x2_fixture_16x16_at56", "esrgan-thick", "models/x2/model.json", 2}),
    [](const auto& info) { return info.param.folder; });

}  // namespace
