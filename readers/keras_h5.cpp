#include "readers/keras_h5.hpp"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>
#include "runtime/import_limits.hpp"
#include "readers/keras_model_config.hpp"

namespace ganforge {
namespace {

namespace limits = import_limits;

// h5py's attribute list, or its chunks `<name>0`, `<name>1`, ... (Keras
// splits lists over 64 KiB).
std::vector<std::string> chunked_list(const Hdf5Group& group, const std::string& name) {
    if (group.has_attribute(name)) return group.string_list_attribute(name);
    std::vector<std::string> all;
    for (std::size_t i = 0; group.has_attribute(name + std::to_string(i)); ++i) {
        auto part = group.string_list_attribute(name + std::to_string(i));
        all.insert(all.end(), part.begin(), part.end());
        if (all.size() > limits::max_layers * 8) throw Error(fmt::format("{}: '{}' is too long", group.where(), name));
    }
    if (all.empty() && !group.has_attribute(name + "0"))
        throw Error(fmt::format("{}: has no '{}' attribute (not a Keras HDF5 file?)", group.where(), name));
    return all;
}

// One layer group's tensors, split into layers when it holds a nested model.
// `unclaimed_bytes`: the file's bytes not yet taken by a dataset read (see
// Hdf5Group::float_dataset).
void read_layer_group(const Hdf5Group& weights, const std::string& layer, std::vector<FileLayer>& out,
                      std::size_t& total, std::uint64_t& unclaimed_bytes) {
    const Hdf5Group group = weights.group(layer);
    std::vector<FileTensor> tensors;
    std::set<std::string, std::less<>> owners;
    for (const std::string& name : chunked_list(group, "weight_names")) {
        auto data = group.float_dataset(name, limits::max_tensor_values, unclaimed_bytes);
        total += data.values.size();
        if (total > limits::max_model_weights)
            throw Error(fmt::format("{}: the file holds more than {} weights", weights.where(), limits::max_model_weights));
        tensors.push_back({name, std::move(data.shape), std::move(data.values)});
        if (const auto owner = weight_owner_layer(name); !owner.empty()) owners.emplace(owner);
    }
    if (owners.size() > 1) {  // a nested model: one group, many layers
        for (FileLayer& l : group_by_owner(std::move(tensors), group.where())) out.push_back(std::move(l));
        return;
    }
    out.push_back({layer, std::move(tensors)});
}

}  // namespace

std::optional<std::string> keras_h5_model_config(const Hdf5File& file) {
    const Hdf5Group root = file.root();
    if (!root.has_attribute("model_config")) return std::nullopt;
    return root.string_attribute("model_config");
}

KerasModel keras_h5_model(const Hdf5File& file, const ReadOptions& options) {
    const auto config = keras_h5_model_config(file);
    if (!config)
        throw Error(fmt::format("{}: a Keras weights file without a model_config (from save_weights); "
                                "give the model's JSON or a file from model.save", file.origin()));
    const Hdf5Group root = file.root();
    return parse_model_json(*config, file.origin(), options,
                            root.has_attribute("keras_version") ? root.string_attribute("keras_version") : "");
}

WeightFile keras_h5_weights(const Hdf5File& file) {
    const Hdf5Group root = file.root();
    const bool model_file = root.has_group("model_weights");
    const Hdf5Group weights = model_file ? root.group("model_weights") : file.root();
    if (!weights.has_attribute("layer_names") && !weights.has_attribute("layer_names0")) {
        if (root.has_group("layers") || root.has_group("vars") || root.has_group("_layer_checkpoint_dependencies"))
            throw Error(fmt::format("{}: Keras 3's weights layout, whose tensors are named by the model's "
                                    "layers (keras3_weights)", file.origin()));
        throw Error(fmt::format("{}: an HDF5 file without Keras weights (no model_weights group or "
                                "layer_names attribute)", file.origin()));
    }
    WeightFile out{file.origin(), {}};
    std::size_t total = 0;
    std::uint64_t unclaimed_bytes = file.size_bytes();
    const auto layer_names = chunked_list(weights, "layer_names");
    if (layer_names.size() > limits::max_layers)
        throw Error(fmt::format("{}: more than {} layers", weights.where(), limits::max_layers));
    for (const std::string& layer : layer_names) read_layer_group(weights, layer, out.layers, total, unclaimed_bytes);
    if (weights.has_group("top_level_model_weights") &&
        !chunked_list(weights.group("top_level_model_weights"), "weight_names").empty())
        throw Error(fmt::format("{}: the model has weights of its own (top_level_model_weights), which "
                                "ganforge does not support", file.origin()));
    if (const auto config = keras_h5_model_config(file)) {
        try {
            order_layers(out.layers, keras_layer_order(parse_json_text(*config, file.origin()), file.origin()));
        } catch (const Error&) {
            // Not a model ganforge runs; layer_names' order is the model's too.
        }
    }
    return out;
}

}  // namespace ganforge
