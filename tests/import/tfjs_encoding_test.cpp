// The weight encodings of a TensorFlow.js manifest (float32, float16, uint8 /
// uint16 quantisation with scale and min), read from memory.
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include "readers/keras_model_config.hpp"
#include "readers/tfjs_model.hpp"
#include "readers/weight_matching.hpp"

#include "refcase.hpp"

namespace {

using nlohmann::json;

// A model.json text with one group of `weights` in shard "w.bin".
std::string manifest(json weights) {
    return json{{"weightsManifest", json::array({{{"paths", {"w.bin"}}, {"weights", weights}}})}}.dump();
}

ganforge::ShardReader shards(std::map<std::string, std::vector<std::byte>> files) {
    return [files](const std::string& path, std::size_t) {
        const auto it = files.find(path);
        if (it == files.end()) throw ganforge::Error(path + ": no such file");
        return it->second;
    };
}

std::vector<std::byte> bytes(std::initializer_list<int> values) {
    std::vector<std::byte> b;
    for (int v : values) b.push_back(std::byte(v));
    return b;
}

TEST(TfjsEncoding, Float16IncludingSubnormalsInfinityAndNegativeZero) {
    const json w = {{{"name", "d/kernel"}, {"shape", {6}}, {"dtype", "float32"}, {"quantization", {{"dtype", "float16"}}}}};
    // 1, -2, 65504, 2^-24 (the smallest subnormal), -0, infinity; little-endian.
    const auto file = ganforge::tfjs_weights(
        manifest(w), "m.json",
        shards({{"w.bin", bytes({0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b, 0x01, 0x00, 0x00, 0x80, 0x00, 0x7c})}}));
    const auto& v = file.layers.at(0).tensors.at(0).values;
    EXPECT_EQ(v[0], 1.0f);
    EXPECT_EQ(v[1], -2.0f);
    EXPECT_EQ(v[2], 65504.0f);
    EXPECT_EQ(v[3], std::ldexp(1.0f, -24));
    EXPECT_TRUE(v[4] == 0.0f && std::signbit(v[4]));
    EXPECT_TRUE(std::isinf(v[5]));
}

TEST(TfjsEncoding, Uint8AndUint16AreScaledFromMin) {
    const json w = {{{"name", "d/kernel"}, {"shape", {3}}, {"dtype", "float32"},
                     {"quantization", {{"dtype", "uint8"}, {"scale", 0.5}, {"min", -1.0}}}},
                    {{"name", "d/bias"}, {"shape", {2}}, {"dtype", "float32"},
                     {"quantization", {{"dtype", "uint16"}, {"scale", 0.25}, {"min", 2.0}}}}};
    const auto file = ganforge::tfjs_weights(
        manifest(w), "m.json", shards({{"w.bin", bytes({0, 2, 255, 0x01, 0x00, 0x00, 0x01})}}));
    const auto& t = file.layers.at(0).tensors;
    EXPECT_EQ(t[0].values, (std::vector<float>{-1.0f, 0.0f, 126.5f}));
    EXPECT_EQ(t[1].values, (std::vector<float>{2.25f, 66.0f}));
}

TEST(TfjsEncoding, GroupsSpanSeveralShards) {
    const json m = {{"weightsManifest",
                     json::array({{{"paths", {"a.bin", "b.bin"}},
                                   {"weights", {{{"name", "d/kernel"}, {"shape", {2}}, {"dtype", "float32"}}}}}})}};
    auto one = std::bit_cast<std::array<std::byte, 4>>(1.5f), two = std::bit_cast<std::array<std::byte, 4>>(-3.0f);
    std::vector<std::byte> a(one.begin(), one.end()), b(two.begin(), two.end());
    a.push_back(b[0]);
    b.erase(b.begin());
    const auto file = ganforge::tfjs_weights(m.dump(), "m.json", shards({{"a.bin", a}, {"b.bin", b}}));
    EXPECT_EQ(file.layers.at(0).tensors.at(0).values, (std::vector<float>{1.5f, -3.0f}));
}

// A whole reference model stored with uint16 quantisation, as
// tensorflowjs_converter --quantize_uint16 writes it, still reproduces its
// output within the quantisation error.
TEST(TfjsEncoding, QuantisedModelRunsEndToEnd) {
    const auto dir = refcase::case_dir("dcgan_bn_small");
    json model = json::parse(std::ifstream(dir / "model.json"));
    const auto raw = refcase::read_floats(dir / "weights.bin");
    std::vector<std::byte> quantised;
    std::size_t offset = 0;
    for (json& w : model["weightsManifest"][0]["weights"]) {
        std::size_t n = 1;
        for (std::size_t e : w["shape"]) n *= e;
        const auto [lo, hi] = std::minmax_element(raw.begin() + long(offset), raw.begin() + long(offset + n));
        const double scale = *hi > *lo ? (double(*hi) - *lo) / 65535.0 : 1.0;
        w["quantization"] = {{"dtype", "uint16"}, {"scale", scale}, {"min", *lo}};
        for (std::size_t i = 0; i < n; ++i) {
            const auto q = std::uint16_t(std::lround((raw[offset + i] - *lo) / scale));
            quantised.push_back(std::byte(q & 0xff));
            quantised.push_back(std::byte(q >> 8));
        }
        offset += n;
    }
    const auto file = ganforge::tfjs_weights(model.dump(), "q.json", shards({{"weights.bin", quantised}}));
    ganforge::WeightStore store(ganforge::parse_model_json(model.dump(), "q.json").spec);
    ganforge::fill_weights(store, file);
    const auto input = refcase::read_floats(dir / "input.bin");
    const auto expected = refcase::read_floats(dir / "output.bin");
    std::vector<float> out(expected.size());
    ganforge::InterpreterCore(std::move(store)).predict(input, out, 2);
    for (std::size_t i = 0; i < out.size(); ++i) ASSERT_NEAR(out[i], expected[i], 2e-3) << i;
}

TEST(TfjsEncoding, WeightNameWithoutLayerIsAnError) {
    const json w = {{{"name", "kernel"}, {"shape", {1}}, {"dtype", "float32"}}};
    EXPECT_THAT([&] { ganforge::tfjs_weights(manifest(w), "m.json", shards({{"w.bin", bytes({0, 0, 0, 0})}})); },
                ::testing::ThrowsMessage<ganforge::Error>(::testing::HasSubstr("weight 'kernel' does not name its layer")));
}

}  // namespace
