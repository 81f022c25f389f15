#include "readers/weight_matching.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ganforge/core/error.hpp>

namespace ganforge {
namespace {

std::string shape_text(std::span<const std::size_t> dims) { return fmt::format("[{}]", fmt::join(dims, ", ")); }

std::string tensor_list(const FileLayer& layer) {
    std::vector<std::string> names;
    for (const FileTensor& f : layer.tensors) names.push_back(fmt::format("'{}'", f.name));
    return names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", "));
}

// One model layer and the file layer matched to it.
struct LayerPair {
    WeightStore& store;
    std::size_t layer;  // index into the model
    const FileLayer& from;
    std::string where;  // "model.json: layer 3 'dense_1' (Dense), 'dense_7' in the file"

    [[noreturn]] void fail(std::string_view problem) const { throw Error(fmt::format("{}: {}", where, problem)); }

    const FileTensor& tensor_for(const TensorSpec& t) const {
        const FileTensor* found = nullptr;
        for (const FileTensor& f : from.tensors)
            if (weight_variable_name(f.name) == keras_name(t.role)) {
                if (found) fail(fmt::format("the file has two {} tensors, '{}' and '{}'", keras_name(t.role), found->name, f.name));
                found = &f;
            }
        if (!found)
            fail(fmt::format("the file has no {} for it (it has {})", keras_name(t.role), tensor_list(from)));
        return *found;
    }

    void fill() const {
        std::size_t used = 0;
        for (const WeightEntry& e : store.entries()) {
            if (e.layer != layer) continue;
            const FileTensor& f = tensor_for(e.tensor);
            const std::span<const std::size_t> want(e.tensor.dims.data(), e.tensor.rank);
            if (!std::equal(want.begin(), want.end(), f.shape.begin(), f.shape.end()))
                fail(fmt::format("{} '{}' is {} in the file, the model needs {}", keras_name(e.tensor.role),
                                 f.name, shape_text(f.shape), shape_text(want)));
            if (f.values.size() != e.tensor.size())
                fail(fmt::format("{} '{}' holds {} values, its shape {} needs {}", keras_name(e.tensor.role),
                                 f.name, f.values.size(), shape_text(f.shape), e.tensor.size()));
            const auto bad = std::find_if(f.values.begin(), f.values.end(), [](float v) { return !std::isfinite(v); });
            if (bad != f.values.end())
                fail(fmt::format("{} '{}' holds {} at index {}; a trained model's weights are finite",
                                 keras_name(e.tensor.role), f.name, std::isnan(*bad) ? "NaN" : "an infinity",
                                 bad - f.values.begin()));
            std::copy(f.values.begin(), f.values.end(), store.tensor(e).begin());
            ++used;
        }
        if (used != from.tensors.size())
            for (const FileTensor& f : from.tensors) {
                const auto role = weight_variable_name(f.name);
                const bool expected = std::any_of(store.entries().begin(), store.entries().end(), [&](const WeightEntry& e) {
                    return e.layer == layer && keras_name(e.tensor.role) == role;
                });
                if (!expected)
                    fail(fmt::format("the file has '{}' {}, which the model's layer does not have{}", f.name,
                                     shape_text(f.shape),
                                     role == "bias" ? " (use_bias is false in the model)"
                                     : role == "gamma" ? " (scale is false in the model)"
                                     : role == "beta" ? " (center is false in the model)" : ""));
            }
    }
};

// A mapped layer (one with a note) against the file's weights under its name.
void check_mapped_layers(const ModelSpec& model, const std::vector<std::string>& names,
                         const std::vector<const FileLayer*>& filed, std::span<const std::string> notes,
                         const std::string& origin) {
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (notes[i].empty()) continue;
        const LayerTensors needs = layer_tensors(model.layers[i]);
        const auto held = std::find_if(filed.begin(), filed.end(), [&](const FileLayer* l) { return l->name == names[i]; });
        const std::string_view cls = keras_class_name(model.layers[i].kind);
        if (needs.count > 0 && held == filed.end()) {
            std::vector<std::string_view> roles;
            for (const TensorSpec& t : needs) roles.push_back(keras_name(t.role));
            throw Error(fmt::format("{}: {}: the file holds no weights under its name; {} needs {}", origin,
                                    weights_layer_text(model, names, i, notes), cls, fmt::join(roles, ", ")));
        }
        if (needs.count == 0 && held != filed.end())
            throw Error(fmt::format("{}: {}: the file holds weights under its name ({}), which {} does not have",
                                    origin, weights_layer_text(model, names, i, notes), tensor_list(**held), cls));
    }
}

}  // namespace

std::string weights_layer_text(const ModelSpec& model, const std::vector<std::string>& names, std::size_t i,
                               std::span<const std::string> notes) {
    const std::string_view cls = keras_class_name(model.layers[i].kind);
    return i < notes.size() && !notes[i].empty()
               ? fmt::format("layer {} '{}' ({}; {})", i + 1, names[i], cls, notes[i])
               : fmt::format("layer {} '{}' ({})", i + 1, names[i], cls);
}

void fill_weights(WeightStore& store, const WeightFile& file, std::span<const std::string> notes) {
    const ModelSpec& model = store.model();
    const auto names = keras_layer_names(model);
    std::vector<std::size_t> weighted;
    for (std::size_t i = 0; i < model.layers.size(); ++i)
        if (layer_tensors(model.layers[i]).count > 0) weighted.push_back(i);
    std::vector<const FileLayer*> filed;
    for (const FileLayer& l : file.layers)
        if (!l.tensors.empty()) filed.push_back(&l);
    check_mapped_layers(model, names, filed, notes, file.origin);

    // A model that names its layers (a Functional declaration, a model read
    // from a file) takes each layer's weights by name when every name is in
    // the file once: a graph may be declared in any order its edges allow.
    if (!model.names.empty() && filed.size() == weighted.size()) {
        std::map<std::string_view, const FileLayer*> by_name;
        for (const FileLayer* l : filed)
            if (!by_name.emplace(l->name, l).second) by_name[l->name] = nullptr;
        std::vector<const FileLayer*> paired;
        for (std::size_t i : weighted)
            if (const auto it = by_name.find(names[i]); it != by_name.end() && it->second) paired.push_back(it->second);
        if (paired.size() == weighted.size()) filed = paired;
    }
    auto describe = [&](std::size_t i) { return weights_layer_text(model, names, i, notes); };
    for (std::size_t k = 0; k < std::max(weighted.size(), filed.size()); ++k) {
        if (k >= filed.size())
            throw Error(fmt::format("{}: the file has weights for {} layers, the model has {} layers with "
                                    "weights: nothing for {}",
                                    file.origin, filed.size(), weighted.size(), describe(weighted[k])));
        if (k >= weighted.size())
            throw Error(fmt::format("{}: the file has weights for {} layers, the model has {} layers with "
                                    "weights: the file's layer '{}' (holding {}) is left over",
                                    file.origin, filed.size(), weighted.size(), filed[k]->name,
                                    tensor_list(*filed[k])));
        const std::size_t i = weighted[k];
        const std::string where =
            names[i] == filed[k]->name
                ? fmt::format("{}: {}", file.origin, describe(i))
                : fmt::format("{}: {}, '{}' in the file", file.origin, describe(i), filed[k]->name);
        LayerPair{store, i, *filed[k], where}.fill();
    }
}

}  // namespace ganforge
