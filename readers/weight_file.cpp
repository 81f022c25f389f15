#include <ganforge/readers/weight_file.hpp>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>

namespace ganforge {

WeightFile weight_file_of(const WeightStore& store, std::string origin) {
    WeightFile file{std::move(origin), {}};
    const std::vector<std::string> names = keras_layer_names(store.model());
    for (std::size_t i = 0; i < store.model().layers.size(); ++i) {
        FileLayer layer{names[i], {}};
        for (const WeightEntry& e : store.entries()) {
            if (e.layer != i) continue;
            const auto values = store.tensor(e);
            layer.tensors.push_back(FileTensor{fmt::format("{}/{}", names[i], keras_name(e.tensor.role)),
                                               {e.tensor.dims.begin(), e.tensor.dims.begin() + e.tensor.rank},
                                               {values.begin(), values.end()}});
        }
        if (!layer.tensors.empty()) file.layers.push_back(std::move(layer));
    }
    return file;
}

std::string_view weight_variable_name(std::string_view name) {
    if (const auto slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    if (const auto colon = name.find(':'); colon != std::string_view::npos) name = name.substr(0, colon);
    return name;
}

std::string_view weight_owner_layer(std::string_view name) {
    const auto slash = name.rfind('/');
    if (slash == std::string_view::npos) return {};
    name = name.substr(0, slash);
    if (const auto before = name.rfind('/'); before != std::string_view::npos) name.remove_prefix(before + 1);
    return name;
}

std::vector<FileLayer> group_by_owner(std::vector<FileTensor> tensors, const std::string& origin) {
    std::vector<FileLayer> layers;
    std::map<std::string, std::size_t, std::less<>> index;
    for (FileTensor& t : tensors) {
        const std::string_view owner = weight_owner_layer(t.name);
        if (owner.empty())
            throw Error(fmt::format("{}: weight '{}' does not name its layer (expected '<layer>/<weight>')",
                                    origin, t.name));
        auto it = index.find(owner);
        if (it == index.end()) {
            it = index.emplace(std::string(owner), layers.size()).first;
            layers.push_back({std::string(owner), {}});
        }
        layers[it->second].tensors.push_back(std::move(t));
    }
    return layers;
}

void order_layers(std::vector<FileLayer>& layers, const std::vector<std::string>& order) {
    std::map<std::string_view, std::size_t> position;
    for (std::size_t i = 0; i < order.size(); ++i) position.emplace(order[i], i);
    auto rank = [&](const FileLayer& l) {
        const auto it = position.find(l.name);
        return it == position.end() ? order.size() : it->second;
    };
    std::stable_sort(layers.begin(), layers.end(),
                     [&](const FileLayer& a, const FileLayer& b) { return rank(a) < rank(b); });
}

}  // namespace ganforge
