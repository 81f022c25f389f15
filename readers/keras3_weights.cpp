#include "readers/keras3_weights.hpp"

#include <map>
#include <string>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include "readers/weight_matching.hpp"
#include "runtime/import_limits.hpp"

namespace ganforge {
namespace {

constexpr const char* layer_roots[] = {"layers", "_layer_checkpoint_dependencies"};

// tf.keras 2.13-2.15's name for every "layers" of a path, as Keras 3 reads
// their files: each occurrence replaced.
std::string in_checkpoint_layout(std::string path) {
    const std::string_view from = "layers", to = "_layer_checkpoint_dependencies";
    for (std::size_t at = path.find(from); at != std::string::npos; at = path.find(from, at + to.size()))
        path.replace(at, from.size(), to);
    return path;
}

// Why a file's layer may hold a variable the model's does not.
std::string_view extra_hint(const LayerSpec& l) {
    if (is_linear_layer(l) && !l.use_bias) return "; use_bias is false in the model";
    if (l.kind == LayerKind::batch_normalization) return "; center or scale differ from the model's";
    return "";
}

}  // namespace

bool is_keras3_weights(const Hdf5File& file) {
    const Hdf5Group root = file.root();
    for (const char* r : layer_roots)
        if (root.has_group(r)) return true;
    return false;
}

WeightFile keras3_weights(const Hdf5File& file, const ModelSpec& model, std::span<const std::string> paths,
                          std::span<const std::string> notes) {
    const Hdf5Group root = file.root();
    std::string layers_root;  // Keras 3's own when both are there, as Keras reads them
    for (const char* r : layer_roots)
        if (layers_root.empty() && root.has_group(r)) layers_root = r;
    if (layers_root.empty())
        throw Error(fmt::format("{}: has no layers group (not Keras 3 weights)", file.origin()));
    if (!paths.empty() && paths.size() != model.layers.size())
        throw Error(fmt::format("{}: {} saving paths for {} layers", file.origin(), paths.size(), model.layers.size()));
    const auto names = keras_layer_names(model);
    WeightFile out{file.origin(), {}};
    std::map<std::string_view, std::size_t> used;  // layers of each class so far, for derived paths
    std::size_t total = 0;
    std::uint64_t unclaimed_bytes = file.size_bytes();
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSpec& l = model.layers[i];
        const std::string_view stem = keras_name_stem(l.kind);
        const std::size_t n = used[stem]++;
        std::string path = paths.empty() ? (n == 0 ? fmt::format("layers/{}", stem) : fmt::format("layers/{}_{}", stem, n))
                                         : paths[i];
        if (layers_root != "layers") path = in_checkpoint_layout(path);
        const LayerTensors expected = layer_tensors(l);
        const std::string vars_path = path + "/vars";
        const std::string layer_text = weights_layer_text(model, names, i, notes);
        const bool mapped = i < notes.size() && !notes[i].empty();
        if (expected.count == 0) {
            if (mapped && root.has_group(vars_path) && root.group(vars_path).has_dataset("0"))
                throw Error(fmt::format("{}: holds weights for {}, which {} does not have", root.group(vars_path).where(),
                                        layer_text, keras_class_name(l.kind)));
            continue;
        }
        if (!root.has_group(vars_path))
            throw Error(fmt::format("{}: no weights for {}: Keras 3 keeps them at {}, which the file does not have",
                                    file.origin(), layer_text, vars_path));
        const Hdf5Group vars = root.group(vars_path);
        FileLayer layer{names[i], {}};
        for (std::size_t k = 0; k < expected.count; ++k) {
            const std::string var = std::to_string(k);
            const std::string role(keras_name(expected.tensors[k].role));
            if (!vars.has_dataset(var))
                throw Error(fmt::format("{}: has no {} (variable {}) for {}", vars.where(), role, k, layer_text));
            auto data = vars.float_dataset(var, import_limits::max_tensor_values, unclaimed_bytes);
            total += data.values.size();
            if (total > import_limits::max_model_weights)
                throw Error(fmt::format("{}: the file holds more than {} weights", file.origin(),
                                        import_limits::max_model_weights));
            layer.tensors.push_back({fmt::format("{}/{}", path, role), std::move(data.shape), std::move(data.values)});
        }
        if (vars.has_dataset(std::to_string(expected.count)) || vars.has_group(std::to_string(expected.count)))
            throw Error(fmt::format("{}: holds more than the {} variables of {}{}", vars.where(), expected.count,
                                    layer_text, extra_hint(l)));
        out.layers.push_back(std::move(layer));
    }
    return out;
}

}  // namespace ganforge
