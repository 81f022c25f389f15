// Bad input to the `ganforge` CLI: every kind gives exit status 1 (not a
// crash), exactly one line on stderr, naming the file and the problem.
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/readers/png_file.hpp>

#include "cli_runner.hpp"
#include "keras_variants.hpp"
#include "refcase.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

// A writable copy of a small reference case (Dense, BatchNormalization,
// ReLU, Reshape, Conv2DTranspose), one folder per test.
struct Workdir {
    refcase::TempDir temp;
    fs::path dir = temp.path();
    explicit Workdir(const std::string& test) : temp("bad_input_" + test) {
        for (const char* f : {"model.json", "weights.bin", "input.bin"})
            fs::copy_file(refcase::case_dir("dcgan_bn_small") / f, dir / f);
    }
    fs::path model() const { return dir / "model.json"; }
    fs::path weights() const { return dir / "weights.bin"; }
    fs::path input() const { return dir / "input.bin"; }
    std::vector<std::string> predict(const fs::path& model) const {
        return {"predict", model.string(), "--input", input().string(), "--output", (dir / "out.bin").string()};
    }
    std::vector<std::string> predict() const { return predict(model()); }

    void edit_json(const std::function<void(json&)>& edit) const {
        json j = json::parse(std::ifstream(model()));
        edit(j);
        std::ofstream(model(), std::ios::trunc) << j.dump();
    }
    json& layer(json& j, std::size_t i) const { return j["modelTopology"]["config"]["layers"][i]["config"]; }
    json& weight(json& j, std::size_t i) const { return j["weightsManifest"][0]["weights"][i]; }
    // Overwrites one float32 of weights.bin.
    void poke_weight(std::size_t index, float value) const {
        std::fstream f(weights(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(std::streamoff(index * 4));
        f.write(reinterpret_cast<const char*>(&value), 4);
    }
    void truncate(const fs::path& p, std::uintmax_t size) const { fs::resize_file(p, size); }
    void write(const fs::path& p, const std::string& bytes) const { std::ofstream(p, std::ios::trunc | std::ios::binary) << bytes; }
    fs::path h5(test_h5::Style style) const {
        const fs::path p = dir / "model.h5";
        test_h5::write(p, keras_variants::h5_file(model(), style));
        return p;
    }
    // A Keras 3 .keras archive of the model, with `members` instead of its own
    // where given (an empty text drops the member).
    fs::path archive(const std::map<std::string, std::string>& members = {}) const {
        const json config = keras_variants::keras3(keras_variants::tfjs_topology(model()));
        test_h5::write(dir / "model.weights.h5", keras_variants::keras3_saving_file(model(), config));
        keras_variants::write_keras_archive(dir / "model.keras", config, dir / "model.weights.h5");
        if (members.empty()) return dir / "model.keras";
        std::ifstream in(dir / "model.weights.h5", std::ios::binary);
        std::map<std::string, std::string> all{{"config.json", config.dump()},
                                               {"model.weights.h5", {std::istreambuf_iterator<char>(in), {}}}};
        for (const auto& [name, bytes] : members) all[name] = bytes;
        std::vector<test_zip::Member> kept;
        for (const auto& [name, bytes] : all)
            if (!bytes.empty()) kept.push_back({name, bytes});
        test_zip::write(dir / "model.keras", kept);
        return dir / "model.keras";
    }
};

struct BadInput {
    const char* name;
    // Breaks the copy and returns the command line to run.
    std::function<std::vector<std::string>(const Workdir&)> make;
    std::vector<std::string> expected;  // substrings of the one stderr line, after the file's name
    const char* file = "model.json";   // the file the message must name
};

class BadInputCli : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputCli, OneLineNamingFileAndProblem) {
    const BadInput& b = GetParam();
    const Workdir w(b.name);
    const auto r = cli_runner::run(b.make(w));
    EXPECT_EQ(r.exit_code, 1) << "stderr: " << r.err;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line: " << r.err;
    EXPECT_THAT(r.err, HasSubstr("ganforge: " + (w.dir / b.file).string()));
    for (const std::string& s : b.expected) EXPECT_THAT(r.err, HasSubstr(s));
}

const float nan = std::numeric_limits<float>::quiet_NaN();
const float inf = std::numeric_limits<float>::infinity();

INSTANTIATE_TEST_SUITE_P(
    Kinds, BadInputCli,
    ::testing::Values(
        BadInput{"truncated_json",
                 [](const Workdir& w) { w.truncate(w.model(), fs::file_size(w.model()) / 2); return w.predict(); },
                 {"not valid JSON (line 1, column"}},
        BadInput{"corrupt_json", [](const Workdir& w) { w.write(w.model(), "{\"modelTopology\": ]"); return w.predict(); },
                 {"not valid JSON"}},
        BadInput{"empty_json", [](const Workdir& w) { w.write(w.model(), ""); return w.predict(); }, {"not valid JSON"}},
        BadInput{"not_a_model", [](const Workdir& w) { w.write(w.model(), "[1, 2, 3]"); return w.predict(); },
                 {"a model must be an object with a class_name"}},
        BadInput{"binary_garbage", [](const Workdir& w) { w.write(w.model(), std::string("\x00\x01\xfe\xff", 4)); return w.predict(); },
                 {"not valid JSON"}},
        BadInput{"missing_model", [](const Workdir& w) { fs::remove(w.model()); return w.predict(); }, {"no such file"}},
        BadInput{"model_is_a_folder",
                 [](const Workdir& w) { fs::remove(w.model()); fs::create_directory(w.model()); return w.predict(); },
                 {"not a regular file"}},
        BadInput{"missing_shard", [](const Workdir& w) { fs::remove(w.weights()); return w.predict(); }, {"no such file"},
                 "weights.bin"},
        BadInput{"short_shard", [](const Workdir& w) { w.truncate(w.weights(), fs::file_size(w.weights()) - 4); return w.predict(); },
                 {"the shards [\"weights.bin\"] hold 640904 bytes, the manifest's weights need 640908 (a missing or short shard)"}},
        BadInput{"long_shard",
                 [](const Workdir& w) { w.truncate(w.weights(), fs::file_size(w.weights()) + 8); return w.predict(); },
                 {"the shard holds 640916 bytes, the manifest's weights need only 640908 more"}, "weights.bin"},
        BadInput{"shard_path_absolute",
                 [](const Workdir& w) { w.edit_json([](json& j) { j["weightsManifest"][0]["paths"][0] = "/etc/passwd"; }); return w.predict(); },
                 {"weightsManifest path '/etc/passwd' must be a file name relative to model.json"}},
        BadInput{"wrong_dtype",
                 [](const Workdir& w) { w.edit_json([&](json& j) { w.weight(j, 0)["dtype"] = "int32"; }); return w.predict(); },
                 {"weight 'dense/kernel': dtype \"int32\" is not supported"}},
        BadInput{"wrong_quantization",
                 [](const Workdir& w) { w.edit_json([&](json& j) { w.weight(j, 0)["quantization"] = {{"dtype", "int4"}}; }); return w.predict(); },
                 {"weight 'dense/kernel': quantization {\"dtype\":\"int4\"} is not supported"}},
        BadInput{"huge_manifest_shape",
                 [](const Workdir& w) { w.edit_json([&](json& j) { w.weight(j, 0)["shape"] = {1000000000000LL}; }); return w.predict(); },
                 {"weight 'dense/kernel': shape [1000000000000]: extents must be integers"}},
        BadInput{"manifest_shape_differs",
                 [](const Workdir& w) {
                     w.edit_json([&](json& j) { w.weight(j, 0)["shape"] = {1024, 100}; });
                     return w.predict();
                 },
                 {"layer 1 'dense' (Dense): kernel 'dense/kernel' is [1024, 100] in the file, the model needs [100, 1024]"}},
        BadInput{"missing_tensor",
                 [](const Workdir& w) {
                     w.edit_json([&](json& j) { w.layer(j, 7)["use_bias"] = false; });
                     return w.predict();
                 },
                 {"layer 8 'conv2d_transpose_1' (Conv2DTranspose): the file has 'conv2d_transpose_1/bias' [3], which the model's layer does not have (use_bias is false in the model)"}},
        BadInput{"nan_weight", [](const Workdir& w) { w.poke_weight(5, nan); return w.predict(); },
                 {"layer 1 'dense' (Dense): kernel 'dense/kernel' holds NaN at index 5"}},
        BadInput{"inf_weight", [](const Workdir& w) { w.poke_weight(102400 + 3, -inf); return w.predict(); },
                 {"layer 2 'batch_normalization' (BatchNormalization): gamma 'batch_normalization/gamma' holds an infinity at index 3"}},
        BadInput{"negative_filters",
                 [](const Workdir& w) { w.edit_json([&](json& j) { w.layer(j, 4)["filters"] = -32; }); return w.predict(); },
                 {"layer 5 'conv2d_transpose' (Conv2DTranspose): filters must be in [1, 1048576], got -32"}},
        BadInput{"huge_units",
                 [](const Workdir& w) { w.edit_json([&](json& j) { w.layer(j, 0)["units"] = 1LL << 33; }); return w.predict(); },
                 {"layer 1 'dense' (Dense): units must be in [1, 1048576], got 8589934592"}},
        BadInput{"non_integer_kernel",
                 [](const Workdir& w) { w.edit_json([&](json& j) { w.layer(j, 4)["kernel_size"] = {5.5, 5}; }); return w.predict(); },
                 {"layer 5 'conv2d_transpose' (Conv2DTranspose): kernel_size must be an integer, got 5.5"}},
        BadInput{"layers_do_not_chain",
                 [](const Workdir& w) { w.edit_json([&](json& j) { w.layer(j, 3)["target_shape"] = {4, 4, 32}; }); return w.predict(); },
                 {"Reshape (layer 4, 'reshape'): target_shape holds 512 values, its input 1024"}},
        BadInput{"input_wrong_size", [](const Workdir& w) { w.truncate(w.input(), 4 * 150); return w.predict(); },
                 {"holds 150 float32 values, not a whole number of inputs of shape (100) (100 values each)"}, "input.bin"},
        BadInput{"input_not_floats", [](const Workdir& w) { w.truncate(w.input(), 6); return w.predict(); },
                 {"6 bytes is not a whole number of float32 values"}, "input.bin"},
        BadInput{"batch_mismatch",
                 [](const Workdir& w) { auto a = w.predict(); a.insert(a.end(), {"--batch", "3"}); return a; },
                 {"holds 200 float32 values; --batch 3 of shape (100) needs 300"}, "input.bin"},
        BadInput{"output_unwritable",
                 [](const Workdir& w) {
                     return std::vector<std::string>{"predict", w.model().string(), "--input", w.input().string(),
                                                     "--output", (w.dir / "no" / "such" / "out.bin").string()};
                 },
                 {"cannot open for writing: its folder", "does not exist"}, "no/such/out.bin"},
        BadInput{"import_output_folder_missing",
                 [](const Workdir& w) {
                     return std::vector<std::string>{"import", w.model().string(), "--output",
                                                     (w.dir / "no" / "such" / "model.hpp").string()};
                 },
                 {"cannot open for writing: its folder", "does not exist"}, "no/such/model.hpp"},
        BadInput{"onnx_garbage",
                 [](const Workdir& w) {
                     w.write(w.dir / "model.onnx", std::string("\x08\x07\x12", 3) + std::string(60, '\xff'));
                     return w.predict(w.dir / "model.onnx");
                 },
                 {"not an ONNX model"}, "model.onnx"},
        BadInput{"onnx_truncated",
                 [](const Workdir& w) {
                     const fs::path p = w.dir / "model.onnx";
                     fs::copy_file(refcase::case_dir("tconv_k4_s2_p1", refcase::onnx) / "model.onnx", p);
                     w.truncate(p, fs::file_size(p) - 7);
                     return w.predict(p);
                 },
                 {"not an ONNX model"}, "model.onnx"},
        BadInput{"onnx_wrong_input_size",
                 [](const Workdir& w) {
                     const fs::path p = w.dir / "model.onnx";
                     fs::copy_file(refcase::case_dir("tconv_k4_s2_p1", refcase::onnx) / "model.onnx", p);
                     return w.predict(p);  // dcgan_bn_small's input.bin: not a whole number of 5x6x6 images
                 },
                 {"not a whole number of inputs of shape (5, 6, 6)"}, "input.bin"},
        BadInput{"keras_archive_garbage",
                 [](const Workdir& w) {
                     w.write(w.dir / "model.keras", std::string("PK\x03\x04", 4) + std::string(100, '\0'));
                     return w.predict(w.dir / "model.keras");
                 },
                 {"not a readable zip archive"}, "model.keras"},
        BadInput{"keras_archive_without_weights",
                 [](const Workdir& w) { return w.predict(w.archive({{"model.weights.h5", ""}})); },
                 {"the archive has no 'model.weights.h5'"}, "model.keras"},
        BadInput{"keras_archive_without_config",
                 [](const Workdir& w) { return w.predict(w.archive({{"config.json", ""}})); },
                 {"the archive has no 'config.json'"}, "model.keras"},
        BadInput{"keras_archive_weights_not_hdf5",
                 [](const Workdir& w) { return w.predict(w.archive({{"model.weights.h5", "not hdf5"}})); },
                 {"model.weights.h5", "not an HDF5 file"}, "model.keras"},
        BadInput{"keras_archive_config_not_json",
                 [](const Workdir& w) { return w.predict(w.archive({{"config.json", "{\"class_name\": "}})); },
                 {"config.json", "not valid JSON"}, "model.keras"},
        BadInput{"keras_archive_damaged_member",
                 [](const Workdir& w) {
                     // Flips bytes inside the stored weights: the member's checksum no longer holds.
                     const fs::path p = w.archive();
                     std::string bytes;
                     {
                         std::ifstream in(p, std::ios::binary);
                         bytes.assign(std::istreambuf_iterator<char>(in), {});
                     }
                     const auto at = bytes.find("model.weights.h5") + 64;
                     for (std::size_t i = at; i < at + 32 && i < bytes.size(); ++i) bytes[i] = char(~bytes[i]);
                     w.write(p, bytes);
                     return w.predict(p);
                 },
                 {"model.weights.h5"}, "model.keras"},
        BadInput{"h5_truncated",
                 [](const Workdir& w) { const auto p = w.h5(test_h5::Style::keras2); w.truncate(p, fs::file_size(p) / 2); return w.predict(p); },
                 {"not a readable HDF5 file (corrupt or truncated?)"}, "model.h5"},
        BadInput{"h5_signature_then_garbage",
                 [](const Workdir& w) { w.write(w.dir / "model.h5", std::string("\x89HDF\r\n\x1a\n", 8) + std::string(3000, 'x')); return w.predict(w.dir / "model.h5"); },
                 {"not a readable HDF5 file"}, "model.h5"},
        BadInput{"h5_weights_only_to_predict",
                 [](const Workdir& w) { return w.predict(w.h5(test_h5::Style::keras2_weights)); },
                 {"a Keras weights file without a model_config"}, "model.h5"},
        BadInput{"h5_nan_weight",
                 [](const Workdir& w) {
                     auto f = keras_variants::h5_file(w.model(), test_h5::Style::keras3);
                     f.layers[4].tensors[0].values[7] = nan;
                     test_h5::write(w.dir / "model.h5", f);
                     return w.predict(w.dir / "model.h5");
                 },
                 {"layer 5 'conv2d_transpose' (Conv2DTranspose): kernel 'sequential/conv2d_transpose/kernel' holds NaN at index 7"},
                 "model.h5"},
        BadInput{"h5_unknown_weight_name",
                 [](const Workdir& w) {
                     auto f = keras_variants::h5_file(w.model(), test_h5::Style::keras2);
                     f.layers[7].tensors[0].name = "kernel_moved";
                     f.layers[7].tensors[1].name = "conv2d_transpose_1/bias:0";
                     f.layers[7].full_names = true;
                     test_h5::write(w.dir / "model.h5", f);
                     return w.predict(w.dir / "model.h5");
                 },
                 {"layer 8 'conv2d_transpose_1' (Conv2DTranspose): the file has no kernel for it (it has "
                  "'kernel_moved', 'conv2d_transpose_1/bias:0')"},
                 "model.h5"},
        BadInput{"h5_missing_dataset",
                 [](const Workdir& w) {
                     auto f = keras_variants::h5_file(w.model(), test_h5::Style::keras2);
                     f.layers[7].last_unwritten = true;
                     test_h5::write(w.dir / "model.h5", f);
                     return w.predict(w.dir / "model.h5");
                 },
                 {"/model_weights/conv2d_transpose_1/conv2d_transpose_1/bias:0: no such dataset"}, "model.h5"},
        BadInput{"h5_integer_dataset",
                 [](const Workdir& w) {
                     const fs::path p = w.h5(test_h5::Style::keras2);
                     test_h5::replace_with_integers(p, "model_weights/dense/dense/kernel:0");
                     return w.predict(p);
                 },
                 {"/model_weights/dense/dense/kernel:0: holds integer values; ganforge reads floating-point weights"},
                 "model.h5"},
        BadInput{"h5_layer_count",
                 [](const Workdir& w) {
                     auto f = keras_variants::h5_file(w.model(), test_h5::Style::keras2);
                     f.layers.pop_back();
                     test_h5::write(w.dir / "model.h5", f);
                     return w.predict(w.dir / "model.h5");
                 },
                 {"the file has weights for 4 layers, the model has 5 layers with weights: nothing for layer 8 'conv2d_transpose_1'"},
                 "model.h5"},
        BadInput{"h5_tensor_shape",
                 [](const Workdir& w) {
                     auto f = keras_variants::h5_file(w.model(), test_h5::Style::keras2);
                     f.layers[7].tensors[1].shape = {1, 3};
                     test_h5::write(w.dir / "model.h5", f);
                     return w.predict(w.dir / "model.h5");
                 },
                 {"bias 'conv2d_transpose_1/bias:0' is [1, 3] in the file, the model needs [3]"}, "model.h5"},
        BadInput{"h5_external_link",
                 [](const Workdir& w) {
                     const fs::path p = w.h5(test_h5::Style::keras2);
                     test_h5::replace_with_external_link(p, "model_weights/dense/dense/kernel:0", w.dir / "other.h5");
                     return w.predict(p);
                 },
                 {"/model_weights/dense/dense/kernel:0: no such dataset"}, "model.h5"},
        BadInput{"deeply_nested_value",
                 [](const Workdir& w) {
                     // 100000 nested lists as the activation: read without recursing.
                     w.edit_json([&](json& j) { w.layer(j, 0)["activation"] = "PLACEHOLDER"; });
                     std::ifstream in(w.model());
                     std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                     text.replace(text.find("\"PLACEHOLDER\""), 13, std::string(100000, '[') + std::string(100000, ']'));
                     w.write(w.model(), text);
                     return w.predict();
                 },
                 {"layer 1 'dense' (Dense): activation [[[[[...]]]]] is not supported"}},
        BadInput{"activation_object_with_number_class",
                 [](const Workdir& w) {
                     w.edit_json([&](json& j) { w.layer(j, 0)["activation"] = {{"class_name", 5}, {"config", "relu"}}; });
                     return w.predict();
                 },
                 {"layer 1 'dense' (Dense): activation {\"class_name\":5,\"config\":\"relu\"} is not supported"}},
        BadInput{"sample_not_a_generator",
                 [](const Workdir& w) {
                     fs::copy_file(refcase::case_dir("discriminator_small") / "model.json", w.model(), fs::copy_options::overwrite_existing);
                     fs::copy_file(refcase::case_dir("discriminator_small") / "weights.bin", w.weights(), fs::copy_options::overwrite_existing);
                     return std::vector<std::string>{"sample", w.model().string(), "--png", (w.dir / "x.png").string()};
                 },
                 {"sample needs a generator whose inputs are latent vectors or labels"}},
        BadInput{"summary_of_truncated_json",
                 [](const Workdir& w) { w.truncate(w.model(), 100); return std::vector<std::string>{"summary", w.model().string()}; },
                 {"not valid JSON"}},
        BadInput{"import_unknown_class",
                 [](const Workdir& w) {
                     w.edit_json([](json& j) { j["modelTopology"]["config"]["layers"][2]["class_name"] = "MyReLU"; });
                     return std::vector<std::string>{"import", w.model().string()};
                 },
                 {"layer 3 're_lu' (MyReLU): class 'MyReLU' is not a ganforge layer; map it to one with "
                  "--layer 'MyReLU=<Layer>(...)' (in C++, ReadOptions::custom_layers)"}}),
    [](const auto& info) { return std::string(info.param.name); });

// The copy's third layer (re_lu) of a class ganforge does not know.
void make_custom(const Workdir& w) {
    w.edit_json([](json& j) { j["modelTopology"]["config"]["layers"][2]["class_name"] = "MyReLU"; });
}

std::vector<std::string> plus(std::vector<std::string> args, std::initializer_list<std::string> more) {
    args.insert(args.end(), more);
    return args;
}

// The copy's input declared (None, None): the latent vector of any length.
void make_any_size(const Workdir& w) {
    w.edit_json([&](json& j) { w.layer(j, 0)["batch_input_shape"] = {nullptr, nullptr}; });
}

// `predict --image` on unet_tiny (any size, multiples of 16), copied into
// the folder, with a picture of h x w written as `name`.
std::vector<std::string> predict_picture(const Workdir& w, std::size_t h, std::size_t w_, const std::string& name,
                                         std::initializer_list<std::string> more = {}) {
    fs::create_directories(w.dir / "unet");
    for (const char* f : {"model.json", "weights.bin"})
        fs::copy_file(refcase::case_dir("unet_tiny", refcase::graphs) / f, w.dir / "unet" / f);
    ganforge::write_png(w.dir / name, {h, w_, 3, std::vector<std::uint8_t>(h * w_ * 3, 128)});
    return plus({"predict", (w.dir / "unet" / "model.json").string(), "--image", (w.dir / name).string(), "--png",
                 (w.dir / "out.png").string()},
                more);
}

// Pictures in and out.
INSTANTIATE_TEST_SUITE_P(
    Pictures, BadInputCli,
    ::testing::Values(
        BadInput{"image_not_a_png",
                 [](const Workdir& w) {
                     auto args = predict_picture(w, 32, 32, "in.png");
                     w.write(w.dir / "in.png", "a text, not a picture");
                     return args;
                 },
                 {"not a PNG file libpng can read"}, "in.png"},
        BadInput{"image_truncated",
                 [](const Workdir& w) {
                     auto args = predict_picture(w, 64, 64, "in.png");
                     w.truncate(w.dir / "in.png", fs::file_size(w.dir / "in.png") / 2);
                     return args;
                 },
                 {"the PNG is damaged or truncated"}, "in.png"},
        BadInput{"image_size_the_model_cannot_take",
                 [](const Workdir& w) { return predict_picture(w, 33, 32, "in.png"); },
                 {"the model cannot take an image of 33x32: Concatenate (layer 14, 'concatenate'): input 1 (6, 4, 32) and "
                  "input 2 (5, 4, 32) differ"}, "in.png"},
        BadInput{"image_to_a_model_without_image_input",
                 [](const Workdir& w) {
                     return std::vector<std::string>{"predict", w.model().string(), "--image",
                                                     (w.dir / "in.png").string(), "--png",
                                                     (w.dir / "out.png").string()};
                 },
                 {"--image needs a model with one image input; this one takes (100)"}},
        BadInput{"image_range_malformed",
                 [](const Workdir& w) { return predict_picture(w, 32, 32, "in.png", {"--range", "1,0"}); },
                 {"--range '1,0': give the values 0 and 255 stand for as LO,HI with LO < HI"}, "unet/model.json"},
        BadInput{"image_result_into_a_missing_folder",
                 [](const Workdir& w) {
                     auto args = predict_picture(w, 32, 32, "in.png");
                     args[5] = (w.dir / "no" / "out.png").string();
                     return args;
                 },
                 {"cannot write the PNG"}, "no/out.png"}),
    [](const auto& info) { return std::string(info.param.name); });

// What the model file leaves to its reader, given wrong or not at all.
INSTANTIATE_TEST_SUITE_P(
    ReadOptions, BadInputCli,
    ::testing::Values(
        BadInput{"layer_spec_syntax",
                 [](const Workdir& w) { make_custom(w); return plus(w.predict(), {"--layer", "MyReLU=ReLU(max_value=)"}); },
                 {"the layer 'ReLU(max_value=)' given for class 'MyReLU': at character 16: expected a value"}},
        BadInput{"layer_spec_unknown_class",
                 [](const Workdir& w) { make_custom(w); return plus(w.predict(), {"--layer", "MyReLU=Relu()"}); },
                 {"the layer 'Relu()' given for class 'MyReLU': 'Relu' is not a ganforge layer"}},
        BadInput{"layer_spec_unknown_keyword",
                 [](const Workdir& w) { make_custom(w); return plus(w.predict(), {"--layer", "MyReLU=ReLU(maxvalue=6)"}); },
                 {"layer 3 're_lu' (MyReLU, read as ReLU(maxvalue=6)): ReLU takes no argument 'maxvalue'"}},
        BadInput{"layer_spec_wrong_type",
                 [](const Workdir& w) {
                     make_custom(w);
                     return plus(w.predict(), {"--layer", "MyReLU=LeakyReLU(alpha=True)"});
                 },
                 {"layer 3 're_lu' (MyReLU, read as LeakyReLU(alpha=True)): alpha must be a number, got true"}},
        BadInput{"layer_without_spec",
                 [](const Workdir& w) { make_custom(w); return plus(w.predict(), {"--layer", "MyReLU"}); },
                 {"--layer 'MyReLU': expected CLASS=SPEC"}},
        BadInput{"layer_mapped_twice",
                 [](const Workdir& w) {
                     make_custom(w);
                     return plus(w.predict(), {"--layer", "MyReLU=ReLU()", "--layer", "MyReLU=LeakyReLU()"});
                 },
                 {"--layer: class 'MyReLU' is mapped twice"}},
        BadInput{"summary_unmapped_class",
                 [](const Workdir& w) { make_custom(w); return std::vector<std::string>{"summary", w.model().string()}; },
                 {"layer 3 're_lu' (MyReLU): class 'MyReLU' is not a ganforge layer; map it to one with --layer "
                  "'MyReLU=<Layer>(...)'"}},
        BadInput{"mapped_layer_lacks_a_weight",
                 [](const Workdir& w) {
                     w.edit_json([](json& j) { j["modelTopology"]["config"]["layers"][0]["class_name"] = "MyDense"; });
                     return plus(w.predict(), {"--layer", "MyDense=Dense(1024)"});
                 },
                 {"layer 1 'dense' (Dense; MyDense, read as Dense(1024)): the file has no bias for it"}},
        BadInput{"mapped_layer_needs_weights",
                 [](const Workdir& w) {
                     make_custom(w);
                     return plus(w.predict(), {"--layer", "MyReLU=BatchNormalization()"});
                 },
                 {"layer 3 're_lu' (BatchNormalization; MyReLU, read as BatchNormalization()): the file holds no "
                  "weights under its name; BatchNormalization needs gamma, beta, moving_mean, moving_variance"}},
        BadInput{"predict_unknown_extent",
                 [](const Workdir& w) { make_any_size(w); return w.predict(); },
                 {"input 'dense_input' is (None, None): it has an unknown extent (None); pass its shape with "
                  "--input-shape N"}},
        BadInput{"import_unknown_extent",
                 [](const Workdir& w) { make_any_size(w); return std::vector<std::string>{"import", w.model().string()}; },
                 {"input 'dense_input' is (None, None): it has an unknown extent (None)"}},
        BadInput{"sample_unknown_extent",
                 [](const Workdir& w) {
                     make_any_size(w);
                     return std::vector<std::string>{"sample", w.model().string(), "--png", (w.dir / "x.png").string()};
                 },
                 {"input 'dense_input' is (None, None): it has an unknown extent (None)"}},
        BadInput{"summary_weights_depend_on_unknown_extent",
                 [](const Workdir& w) { make_any_size(w); return std::vector<std::string>{"summary", w.model().string()}; },
                 {"the model's weights depend on its input's unknown extents; give them with --input-shape"}},
        BadInput{"input_shape_known_extent",
                 [](const Workdir& w) { return plus(w.predict(), {"--input-shape", "99"}); },
                 {"input 'dense_input' is (None, 100): its axis 1 is 100 in the file, 99 given; only its None "
                  "extents may be given"}},
        BadInput{"input_shape_rank",
                 [](const Workdir& w) { return plus(w.predict(), {"--input-shape", "10,10"}); },
                 {"input 'dense_input' is (None, 100), 1 extent after the batch; the shape given, (10, 10), has 2"}},
        BadInput{"input_shape_count",
                 [](const Workdir& w) { return plus(w.predict(), {"--input-shape", "100", "--input-shape", "100"}); },
                 {"the model has 1 input ('dense_input' (None, 100)); 2 input shapes are given"}},
        BadInput{"input_shape_malformed",
                 [](const Workdir& w) { return plus(w.predict(), {"--input-shape", "10x10"}); },
                 {"--input-shape '10x10': expected 1 to 3 integers in [1, 16777216] separated by commas"}},
        BadInput{"activation_object_not_elementwise",
                 [](const Workdir& w) {
                     w.edit_json([&](json& j) {
                         w.layer(j, 0)["activation"] = {{"module", "keras.layers"}, {"class_name", "Dense"},
                                                        {"config", {{"units", 3}}}, {"registered_name", nullptr}};
                     });
                     return w.predict();
                 },
                 {"layer 'dense': its activation is a Dense object, which ganforge does not read as an activation"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Cli, HelpAndUsage) {
    const auto help = cli_runner::run({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    for (const char* cmd : {"summary", "import", "predict", "sample"}) {
        EXPECT_THAT(help.out, HasSubstr(cmd));
        const auto r = cli_runner::run({cmd, "--help"});
        EXPECT_EQ(r.exit_code, 0) << cmd;
        EXPECT_THAT(r.out, HasSubstr("MODEL")) << cmd;
        EXPECT_THAT(r.out, HasSubstr("--layer")) << cmd;
        EXPECT_THAT(r.out, HasSubstr("--input-shape")) << cmd;
    }
    EXPECT_NE(cli_runner::run({}).exit_code, 0);
    EXPECT_NE(cli_runner::run({"predict", "model.json"}).exit_code, 0);  // --input and --output are required
    EXPECT_NE(cli_runner::run({"frobnicate"}).exit_code, 0);
}

}  // namespace
