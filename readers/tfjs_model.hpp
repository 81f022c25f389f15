// TensorFlow.js layers-model files: model.json (`modelTopology`, Keras JSON,
// and `weightsManifest`) and its binary shards. Weights are little-endian
// float32, or quantised as the manifest says (tfjs-converter's
// `quantization: {dtype: 'uint8' | 'uint16', scale, min}`, value = q * scale +
// min, or `{dtype: 'float16'}`). Each manifest group's weights lie back to
// back in the concatenation of its `paths`, which must hold exactly the bytes
// the weights need.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <ganforge/readers/weight_file.hpp>

namespace ganforge {

enum class TfjsEncoding { float32, float16, uint8, uint16 };

struct TfjsWeightSpec {
    std::string name;  // "<layer>/<weight>"
    std::vector<std::size_t> shape;
    TfjsEncoding encoding = TfjsEncoding::float32;
    double scale = 1.0, min = 0.0;  // uint8 / uint16
    std::size_t values = 0, bytes = 0;
};

struct TfjsWeightGroup {
    std::vector<std::string> paths;  // shard files, relative to model.json
    std::vector<TfjsWeightSpec> weights;
    std::size_t bytes = 0;
};

// The manifest of a parsed model.json, every size checked (import_limits.hpp).
std::vector<TfjsWeightGroup> parse_tfjs_manifest(const nlohmann::json& model_json, const std::string& origin);

// One group's tensors from the concatenation of its shards' bytes.
std::vector<FileTensor> decode_tfjs_group(const TfjsWeightGroup& group, std::span<const std::byte> bytes,
                                          const std::string& origin);

// Reads a shard given its path as the manifest writes it and the byte count
// the group still expects (an upper bound); throws ganforge::Error.
using ShardReader = std::function<std::vector<std::byte>(const std::string& path, std::size_t at_most)>;

// The weights of a model.json's text, its shards read by `read_shard`: the
// entry point for fuzzers and in-memory tests. Layers come in the order of the
// model's config when it can be read, otherwise in the manifest's order.
WeightFile tfjs_weights(std::string_view model_json_text, const std::string& origin,
                        const ShardReader& read_shard);

// The same for a model.json on disk, its shards beside it.
WeightFile read_tfjs_weights(const std::filesystem::path& model_json);

}  // namespace ganforge
