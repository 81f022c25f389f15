#include "readers/tfjs_model.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>
#include "readers/file_bytes.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/keras_config_fields.hpp"
#include "readers/keras_model_config.hpp"

namespace ganforge {
namespace {

namespace limits = import_limits;
using json = nlohmann::json;

std::size_t bytes_per_value(TfjsEncoding e) {
    switch (e) {
        case TfjsEncoding::float32: return 4;
        case TfjsEncoding::float16:
        case TfjsEncoding::uint16: return 2;
        case TfjsEncoding::uint8: return 1;
    }
    return 4;
}

// Little-endian, whatever the host.
std::uint32_t load_le(const std::byte* p, std::size_t n) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint32_t(p[i]) << (8 * i);
    return v;
}

// IEEE 754 binary16 -> binary32, subnormals, infinities and NaN included.
float half_to_float(std::uint32_t h) {
    const std::uint32_t sign = (h & 0x8000u) << 16, exponent = (h >> 10) & 0x1fu, mantissa = h & 0x3ffu;
    if (exponent == 0x1f) return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
    if (exponent != 0) return std::bit_cast<float>(sign | ((exponent + 112) << 23) | (mantissa << 13));
    const float magnitude = std::ldexp(float(mantissa), -24);  // subnormal or zero
    return sign ? -magnitude : magnitude;
}

TfjsWeightSpec weight_spec(const json& w, const std::string& origin) {
    TfjsWeightSpec s;
    auto fail = [&](std::string_view problem) -> void {
        throw Error(fmt::format("{}: weightsManifest: weight {}: {}", origin,
                                s.name.empty() ? brief_json(w) : "'" + s.name + "'", problem));
    };
    if (!w.is_object() || !w.contains("name") || !w["name"].is_string()) fail("has no name");
    s.name = w["name"].get<std::string>();
    const json& shape = w.contains("shape") ? w["shape"] : json();
    if (!shape.is_array() || shape.size() > 8) fail(fmt::format("shape {} is not a list of extents", brief_json(shape)));
    double count = 1;
    for (const json& e : shape) {
        if (!e.is_number_unsigned() || e.get<std::uint64_t>() > limits::max_tensor_values)
            fail(fmt::format("shape {}: extents must be integers in [0, {}]", brief_json(shape), limits::max_tensor_values));
        s.shape.push_back(e.get<std::size_t>());
        count *= double(s.shape.back());
    }
    if (count > double(limits::max_tensor_values))
        fail(fmt::format("shape {} has more than {} values", brief_json(shape), limits::max_tensor_values));
    s.values = std::size_t(count);
    const std::string dtype = w.contains("dtype") && w["dtype"].is_string() ? w["dtype"].get<std::string>() : "";
    if (dtype != "float32")
        fail(fmt::format("dtype {} is not supported (ganforge reads float32 weights, stored as float32, "
                         "float16, uint8 or uint16)", w.contains("dtype") ? brief_json(w["dtype"]) : "(missing)"));
    if (const auto q = w.find("quantization"); q != w.end() && !q->is_null()) {
        const std::string qtype = q->is_object() && q->contains("dtype") && (*q)["dtype"].is_string()
                                      ? (*q)["dtype"].get<std::string>() : "";
        if (qtype == "float16") s.encoding = TfjsEncoding::float16;
        else if (qtype == "uint8") s.encoding = TfjsEncoding::uint8;
        else if (qtype == "uint16") s.encoding = TfjsEncoding::uint16;
        else fail(fmt::format("quantization {} is not supported (uint8, uint16 or float16)", brief_json(*q)));
        if (s.encoding != TfjsEncoding::float16) {
            for (const char* key : {"scale", "min"})
                if (!q->contains(key) || !(*q)[key].is_number() || !std::isfinite((*q)[key].get<double>()))
                    fail(fmt::format("quantization needs a finite {}, got {}", key, brief_json(*q)));
            s.scale = (*q)["scale"].get<double>();
            s.min = (*q)["min"].get<double>();
        }
    }
    s.bytes = s.values * bytes_per_value(s.encoding);
    return s;
}

}  // namespace

std::vector<TfjsWeightGroup> parse_tfjs_manifest(const json& model_json, const std::string& origin) {
    const auto m = model_json.is_object() ? model_json.find("weightsManifest") : model_json.end();
    if (m == model_json.end() || !m->is_array())
        throw Error(fmt::format("{}: has no weightsManifest, so no weights (weights come from a TensorFlow.js "
                                "model.json or a Keras .h5, not from a Keras JSON)", origin));
    std::vector<TfjsWeightGroup> groups;
    std::size_t total = 0;
    for (const json& g : *m) {
        if (!g.is_object() || !g.contains("paths") || !g["paths"].is_array() || !g.contains("weights") ||
            !g["weights"].is_array())
            throw Error(fmt::format("{}: weightsManifest: a group must have paths and weights lists, got {}",
                                    origin, brief_json(g)));
        TfjsWeightGroup group;
        for (const json& p : g["paths"]) {
            if (!p.is_string() || p.get<std::string>().empty())
                throw Error(fmt::format("{}: weightsManifest: path {} is not a file name", origin, brief_json(p)));
            group.paths.push_back(p.get<std::string>());
        }
        for (const json& w : g["weights"]) {
            group.weights.push_back(weight_spec(w, origin));
            group.bytes += group.weights.back().bytes;
            total += group.weights.back().values;
            if (total > limits::max_model_weights)
                throw Error(fmt::format("{}: weightsManifest: more than {} weights", origin, limits::max_model_weights));
        }
        if (group.paths.empty() && group.bytes > 0)
            throw Error(fmt::format("{}: weightsManifest: a group of {} bytes of weights names no file", origin, group.bytes));
        groups.push_back(std::move(group));
    }
    return groups;
}

std::vector<FileTensor> decode_tfjs_group(const TfjsWeightGroup& group, std::span<const std::byte> bytes,
                                          const std::string& origin) {
    if (bytes.size() != group.bytes)
        throw Error(fmt::format("{}: the shards hold {} bytes, the weights need {}", origin, bytes.size(), group.bytes));
    std::vector<FileTensor> tensors;
    const std::byte* p = bytes.data();
    for (const TfjsWeightSpec& w : group.weights) {
        FileTensor t{w.name, w.shape, std::vector<float>(w.values)};
        const std::size_t step = bytes_per_value(w.encoding);
        for (std::size_t i = 0; i < w.values; ++i, p += step) {
            const std::uint32_t raw = load_le(p, step);
            switch (w.encoding) {
                case TfjsEncoding::float32: t.values[i] = std::bit_cast<float>(raw); break;
                case TfjsEncoding::float16: t.values[i] = half_to_float(raw); break;
                case TfjsEncoding::uint8:
                case TfjsEncoding::uint16: t.values[i] = float(double(raw) * w.scale + w.min); break;
            }
        }
        tensors.push_back(std::move(t));
    }
    return tensors;
}

WeightFile tfjs_weights(std::string_view model_json_text, const std::string& origin,
                        const ShardReader& read_shard) {
    const json j = parse_json_text(model_json_text, origin);
    std::vector<FileTensor> tensors;
    for (const TfjsWeightGroup& group : parse_tfjs_manifest(j, origin)) {
        std::vector<std::byte> bytes;
        bytes.reserve(group.bytes);
        for (const std::string& path : group.paths) {
            const std::vector<std::byte> shard = read_shard(path, group.bytes - bytes.size());
            if (shard.size() > group.bytes - bytes.size())
                throw Error(fmt::format("{}: shard '{}' holds more bytes than the manifest's weights need", origin, path));
            bytes.insert(bytes.end(), shard.begin(), shard.end());
        }
        if (bytes.size() != group.bytes)
            throw Error(fmt::format("{}: the shards {} hold {} bytes, the manifest's weights need {} "
                                    "(a missing or short shard)",
                                    origin, brief_json(json(group.paths)), bytes.size(), group.bytes));
        auto decoded = decode_tfjs_group(group, bytes, origin);
        std::move(decoded.begin(), decoded.end(), std::back_inserter(tensors));
    }
    WeightFile file{origin, group_by_owner(std::move(tensors), origin)};
    // Order the layers as the model does; without a readable config, the
    // manifest's order (tfjs lists BatchNormalization statistics last, but
    // every layer with weights has a trainable one first).
    if (const auto t = j.find("modelTopology"); t != j.end()) {
        const json& model = t->is_object() && t->contains("model_config") ? (*t)["model_config"] : *t;
        try {
            order_layers(file.layers, keras_layer_order(model, origin));
        } catch (const Error&) {
            // Not a model ganforge runs; its weights may still fit one declared in C++.
        }
    }
    return file;
}

WeightFile read_tfjs_weights(const std::filesystem::path& model_json) {
    const std::string origin = model_json.string();
    const auto folder = model_json.parent_path();
    const ShardReader from_disk = [&](const std::string& path, std::size_t at_most) {
        const std::filesystem::path relative(path);
        if (relative.is_absolute() || path.find("://") != std::string::npos)
            throw Error(fmt::format("{}: weightsManifest path '{}' must be a file name relative to model.json",
                                    origin, path));
        const auto shard = folder / relative;
        if (const auto size = checked_file_size(shard, std::numeric_limits<std::size_t>::max()); size > at_most)
            throw Error(fmt::format("{}: the shard holds {} bytes, the manifest's weights need only {} more",
                                    shard.string(), size, at_most));
        return read_file_bytes(shard, at_most);
    };
    return tfjs_weights(read_file_text(model_json, limits::max_json_bytes), origin, from_disk);
}

}  // namespace ganforge
