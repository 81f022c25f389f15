// The `ganforge` commands on good input: summary in Keras 2.2's layout (the
// seed's printed summaries, byte for byte, from Keras 2.2.4 JSON), import,
// predict and sample on the real trained anime64 generator.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <png.h>

#include <ganforge/readers/png_file.hpp>

#include "cli_runner.hpp"
#include "refcase.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const fs::path& work_dir() {
    static const refcase::TempDir dir("cli_commands");
    return dir.path();
}

const fs::path anime64 = refcase::shared_dir() / "models" / "anime64";
const fs::path unet = refcase::case_dir("unet_tiny", refcase::graphs);

// A copy of a reference case's model.json (and weights.bin) in a folder of
// its own, its JSON edited: the same file name, so headers and messages that
// name the file read alike.
fs::path edited_case(const fs::path& case_dir, const std::string& folder,
                     const std::function<void(nlohmann::json&)>& edit) {
    const fs::path dir = work_dir() / folder;
    fs::create_directories(dir);
    fs::copy_file(case_dir / "weights.bin", dir / "weights.bin", fs::copy_options::overwrite_existing);
    nlohmann::json j = nlohmann::json::parse(std::ifstream(case_dir / "model.json"));
    edit(j);
    std::ofstream(dir / "model.json", std::ios::trunc) << j.dump();
    return dir / "model.json";
}

std::function<void(nlohmann::json&)> renaming(const std::string& from, const std::string& to) {
    return [=](nlohmann::json& j) {
        for (auto& l : j["modelTopology"]["config"]["layers"])
            if (l["class_name"] == from) l["class_name"] = to;
    };
}

std::vector<std::string> plus(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// The output file `predict` writes for `model` and `extra` options.
std::string predicted(const fs::path& model, const fs::path& case_dir, const std::string& out,
                      const std::vector<std::string>& extra = {}) {
    const auto r = cli_runner::run(plus({"predict", model.string(), "--input", (case_dir / "input.bin").string(),
                                         "--output", (work_dir() / out).string()}, extra));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return slurp(work_dir() / out);
}

class SeedSummary : public ::testing::TestWithParam<std::string> {};

TEST_P(SeedSummary, MatchesKeras22ByteForByte) {
    const auto r = cli_runner::run({"summary", std::string(GANFORGE_IMPORT_TEST_DATA) + "/keras22-" + GetParam() + ".json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, slurp(refcase::shared_dir() / "seed" / ("summary-" + GetParam() + ".txt")));
}

INSTANTIATE_TEST_SUITE_P(Seed, SeedSummary,
                         ::testing::Values("upsampling2d-2x2", "conv2d-transpose-1x1", "generator-upsampling",
                                           "generator-transpose"),
                         [](const auto& info) {
                             std::string n = info.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

TEST(CliCommands, SummaryOfAnime64SameFromH5AndJson) {
    const auto h5 = cli_runner::run({"summary", (anime64 / "model.h5").string()});
    const auto json = cli_runner::run({"summary", (anime64 / "model.json").string()});
    EXPECT_EQ(h5.exit_code, 0);
    EXPECT_EQ(h5.out, json.out);
    EXPECT_THAT(h5.out, HasSubstr("conv2d_transpose_59 (Conv2DT (None, 64, 64, 3)         1539      \n"));
    EXPECT_THAT(h5.out, HasSubstr("Total params: 512,451\nTrainable params: 512,067\nNon-trainable params: 384\n"));
}

TEST(CliCommands, ImportWritesHeaderToStdoutOrFile) {
    const auto out = cli_runner::run({"import", (anime64 / "model.h5").string(), "--name", "Anime", "--namespace", "my::gan"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_THAT(out.out, HasSubstr("namespace my::gan {"));
    EXPECT_THAT(out.out, HasSubstr("using Anime = ganforge::Sequential<\n    ganforge::Input{{128}},\n"));
    EXPECT_THAT(out.out, HasSubstr("static_assert(Anime::param_count == 512451);"));
    const auto file = work_dir() / "anime.hpp";
    EXPECT_EQ(cli_runner::run({"import", (anime64 / "model.h5").string(), "--name", "Anime", "--namespace", "my::gan",
                               "--output", file.string()}).exit_code, 0);
    EXPECT_EQ(slurp(file), out.out);
    const auto bad = cli_runner::run({"import", (anime64 / "model.h5").string(), "--name", "class"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_THAT(bad.err, HasSubstr("--name 'class' is not a C++ identifier"));
}

TEST(CliCommands, PredictAnime64FromH5AndJson) {
    for (const char* model : {"model.h5", "model.json"}) {
        const auto out = work_dir() / "anime64.bin";
        const auto r = cli_runner::run({"predict", (anime64 / model).string(), "--input", (anime64 / "input.bin").string(),
                                        "--output", out.string()});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(refcase::near_reference(refcase::read_floats(out), refcase::read_floats(anime64 / "output.bin")))
            << model;
    }
}

struct Png {
    png_uint_32 width = 0, height = 0, format = 0;
    std::vector<unsigned char> pixels;
};

Png read_png(const fs::path& path) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    Png p;
    if (!png_image_begin_read_from_file(&image, path.c_str())) return p;
    p.width = image.width, p.height = image.height, p.format = image.format;
    p.pixels.resize(PNG_IMAGE_SIZE(image));
    png_image_finish_read(&image, nullptr, p.pixels.data(), 0, nullptr);
    return p;
}

TEST(CliCommands, SampleIsAGridAndDependsOnlyOnTheSeed) {
    const auto& dir = work_dir();
    auto sample = [&](const std::string& name, const std::string& seed) {
        const auto r = cli_runner::run({"sample", (anime64 / "model.h5").string(), "--png", (dir / name).string(),
                                        "--count", "6", "--seed", seed});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_THAT(r.out, HasSubstr("6 images of 64x64x3 (seed " + seed + ", sigmoid output, [0, 1] -> 0..255)"));
        return read_png(dir / name);
    };
    const Png a = sample("a.png", "7"), b = sample("b.png", "7"), c = sample("c.png", "8");
    // 6 images: 3 columns x 2 rows of 64x64 with 2-pixel gaps.
    EXPECT_EQ(a.width, 3u * 64 + 2 * 2);
    EXPECT_EQ(a.height, 2u * 64 + 2);
    EXPECT_EQ(a.format, png_uint_32(PNG_FORMAT_RGB));
    EXPECT_EQ(a.pixels, b.pixels);
    EXPECT_NE(a.pixels, c.pixels);
    // The JSON and the .h5 hold the same weights: the same picture.
    const auto r = cli_runner::run({"sample", (anime64 / "model.json").string(), "--png", (dir / "d.png").string(),
                                    "--count", "6", "--seed", "7"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(read_png(dir / "d.png").pixels, a.pixels);
}

TEST(CliCommands, SampleGrayscaleGenerator) {
    const auto png = work_dir() / "mnist.png";
    const auto r = cli_runner::run({"sample", (refcase::case_dir("mnist_generator") / "model.json").string(), "--png",
                                    png.string(), "--count", "4"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const Png p = read_png(png);
    EXPECT_EQ(p.format, png_uint_32(PNG_FORMAT_GRAY));
    EXPECT_EQ(p.width, 2u * 28 + 2);
}

// A conditional generator: by default image n gets class n mod 10, so the
// grid shows every class; --label fixes one; a label outside the classes or
// --label on a model without labels is an error.
TEST(CliCommands, SampleConditionalGeneratorShowsEveryClass) {
    const std::string model = (refcase::case_dir("cgan_mnist_generator", refcase::graphs) / "model.json").string();
    auto sample = [&](const std::string& name, std::vector<std::string> extra) {
        std::vector<std::string> args{"sample", model, "--png", (work_dir() / name).string(), "--count", "10"};
        args.insert(args.end(), extra.begin(), extra.end());
        return cli_runner::run(args);
    };
    const auto every = sample("cgan_every.png", {});
    ASSERT_EQ(every.exit_code, 0) << every.err;
    const auto three = sample("cgan_three.png", {"--label", "3"});
    ASSERT_EQ(three.exit_code, 0) << three.err;
    const Png a = read_png(work_dir() / "cgan_every.png"), b = read_png(work_dir() / "cgan_three.png");
    EXPECT_EQ(a.format, png_uint_32(PNG_FORMAT_GRAY));
    EXPECT_NE(a.pixels, b.pixels);  // the same latents, other classes
    const auto outside = sample("cgan_bad.png", {"--label", "10"});
    EXPECT_NE(outside.exit_code, 0);
    EXPECT_THAT(outside.err, HasSubstr("--label 10: the model's input 'input_1' takes labels 0 to 9"));
    const auto none = cli_runner::run({"sample", (refcase::case_dir("mnist_generator") / "model.json").string(),
                                       "--png", (work_dir() / "x.png").string(), "--label", "1"});
    EXPECT_NE(none.exit_code, 0);
    EXPECT_THAT(none.err, HasSubstr("has no label input"));
}

// A class the training program registered, mapped with --layer: every command
// reads the file as the same model written with the standard class.
TEST(CliCommands, CustomClassMappedWithLayer) {
    const fs::path custom = edited_case(unet, "custom_unet", renaming("LeakyReLU", "MyLeaky"));
    const std::vector<std::string> layer{"--layer", "MyLeaky=LeakyReLU(alpha=0.2)"};
    for (const std::vector<std::string>& cmd : {std::vector<std::string>{"summary"}, {"import", "--name", "Unet"}}) {
        const auto standard = cli_runner::run(plus(cmd, {(unet / "model.json").string()}));
        const auto mapped = cli_runner::run(plus(cmd, plus({custom.string()}, layer)));
        EXPECT_EQ(mapped.exit_code, 0) << mapped.err;
        EXPECT_EQ(mapped.out, standard.out) << cmd[0];
    }
    const std::string out = predicted(custom, unet, "custom_unet.bin", layer);
    EXPECT_EQ(out, predicted(unet / "model.json", unet, "unet.bin"));
    EXPECT_TRUE(refcase::near_reference(refcase::read_floats(work_dir() / "custom_unet.bin"),
                                        refcase::read_floats(unet / "output.bin")));

    const fs::path dcgan = refcase::case_dir("dcgan_bn_small");
    const fs::path custom_dcgan = edited_case(dcgan, "custom_dcgan", renaming("ReLU", "MyReLU"));
    auto sample = [&](const fs::path& model, const std::string& png, const std::vector<std::string>& extra) {
        const auto r = cli_runner::run(
            plus({"sample", model.string(), "--png", (work_dir() / png).string(), "--count", "4"}, extra));
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return read_png(work_dir() / png).pixels;
    };
    const auto pixels = sample(custom_dcgan, "custom_dcgan.png", {"--layer", "MyReLU=ReLU()"});
    EXPECT_FALSE(pixels.empty());
    EXPECT_EQ(pixels, sample(dcgan / "model.json", "dcgan.png", {}));
}

// An input of any size (None extents): summary prints None where Keras does;
// the other commands read it at the size --input-shape gives.
TEST(CliCommands, AnySizeModelWithInputShape) {
    const fs::path any = edited_case(unet, "any_size_unet", [](nlohmann::json& j) {
        j["modelTopology"]["config"]["layers"][0]["config"]["batch_input_shape"] = {nullptr, nullptr, nullptr, 3};
    });
    const auto summary = cli_runner::run({"summary", any.string()});
    EXPECT_EQ(summary.exit_code, 0) << summary.err;
    EXPECT_THAT(summary.out, HasSubstr("input_1 (InputLayer)            (None, None, None, 3 0  "));
    EXPECT_THAT(summary.out, HasSubstr("conv2d_transpose_3 (Conv2DTrans (None, None, None, 3 771         re_lu_3"));
    const auto fixed = cli_runner::run({"summary", (unet / "model.json").string()});
    EXPECT_EQ(summary.out.substr(summary.out.find("Total params")), fixed.out.substr(fixed.out.find("Total params")));
    EXPECT_EQ(cli_runner::run({"summary", any.string(), "--input-shape", "32,32,3"}).out, fixed.out);

    EXPECT_EQ(predicted(any, unet, "any_size_unet.bin", {"--input-shape", "32,32,3"}),
              predicted(unet / "model.json", unet, "unet.bin"));
    const auto header = cli_runner::run({"import", any.string(), "--input-shape", "64, 48, 3"});
    EXPECT_EQ(header.exit_code, 0) << header.err;
    EXPECT_THAT(header.out, HasSubstr("ganforge::Input{{64, 48, 3}, \"input_1\"}"));
    EXPECT_THAT(header.out, HasSubstr("static_assert(Model::output_shape == ganforge::Shape{64, 48, 3});"));
}

// `predict --image`: a picture in, the model at the picture's size, a
// picture out: the same as predict on the raw values of the picture mapped
// to the model's range (tanh's -1..1 here), at the declared size and at
// another.
TEST(CliCommands, PredictImageIsPredictOnThePicturesValues) {
    const fs::path any = edited_case(unet, "picture_unet", [](nlohmann::json& j) {
        j["modelTopology"]["config"]["layers"][0]["config"]["batch_input_shape"] = {nullptr, nullptr, nullptr, 3};
    });
    for (const auto& [h, w] : {std::pair<std::size_t, std::size_t>{32, 32}, {48, 16}}) {
        ganforge::Image8 picture{h, w, 3, std::vector<std::uint8_t>(h * w * 3)};
        for (std::size_t i = 0; i < picture.pixels.size(); ++i) picture.pixels[i] = std::uint8_t((i * 37 + i / 7) % 256);
        const fs::path in = work_dir() / "picture.png", out = work_dir() / "picture_out.png";
        ganforge::write_png(in, picture);
        std::vector<float> values;
        for (std::uint8_t p : picture.pixels) values.push_back(-1.0f + float(p) * (2.0f / 255.0f));
        std::ofstream(work_dir() / "picture.bin", std::ios::binary)
            .write(reinterpret_cast<const char*>(values.data()), std::streamsize(values.size() * sizeof(float)));
        const std::string shape = fmt::format("{},{},3", h, w);
        const auto raw = cli_runner::run({"predict", any.string(), "--input-shape", shape, "--input",
                                          (work_dir() / "picture.bin").string(), "--output",
                                          (work_dir() / "picture_out.bin").string()});
        ASSERT_EQ(raw.exit_code, 0) << raw.err;
        const auto r = cli_runner::run({"predict", any.string(), "--image", in.string(), "--png", out.string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.err, "");  // no progress line off a terminal
        const ganforge::Image8 result = ganforge::read_png(out, 3);
        ASSERT_EQ(result.height, h);
        ASSERT_EQ(result.width, w);
        const std::string bytes = slurp(work_dir() / "picture_out.bin");
        std::vector<float> expected(bytes.size() / sizeof(float));
        std::memcpy(expected.data(), bytes.data(), bytes.size());
        ASSERT_EQ(expected.size(), result.pixels.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const float p = std::clamp((expected[i] + 1.0f) * 127.5f, 0.0f, 255.0f);
            ASSERT_NEAR(float(result.pixels[i]), p, 0.5f + 1e-3f) << "value " << i;
        }
        // --range 0,1 maps the same picture to other values: another result.
        const auto other = cli_runner::run(
            {"predict", any.string(), "--image", in.string(), "--png", out.string(), "--range", "0,1"});
        ASSERT_EQ(other.exit_code, 0) << other.err;
        EXPECT_NE(ganforge::read_png(out, 3).pixels, result.pixels);
    }
}

}  // namespace
