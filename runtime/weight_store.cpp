#include <ganforge/runtime/weight_store.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ganforge/core/error.hpp>

namespace ganforge {

WeightStore::WeightStore(ModelSpec model)
    : model_(std::move(model)), names_(keras_layer_names(model_)) {
    std::size_t offset = 0;
    for (std::size_t i = 0; i < model_.layers.size(); ++i)
        for (const TensorSpec& t : layer_tensors(model_.layers[i])) {
            entries_.push_back({i, t, offset});
            offset += t.size();
        }
    data_.assign(offset, 0.0f);
}

std::span<const float> WeightStore::find(std::size_t layer, WeightRole role) const {
    for (const WeightEntry& e : entries_)
        if (e.layer == layer && e.tensor.role == role) return tensor(e);
    return {};
}

std::string WeightStore::describe(const WeightEntry& e) const {
    return fmt::format("{}/{} [{}]", names_[e.layer], keras_name(e.tensor.role),
                       fmt::join(e.tensor.dims.begin(), e.tensor.dims.begin() + e.tensor.rank, ", "));
}

void WeightStore::set_weights(const std::vector<std::vector<float>>& tensors) {
    if (tensors.size() != entries_.size())
        throw Error(fmt::format("set_weights: the model has {} weight tensors, got {}",
                                entries_.size(), tensors.size()));
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (tensors[i].size() != entries_[i].tensor.size())
            throw Error(fmt::format("set_weights: tensor {} ({}) holds {} values, got {}", i,
                                    describe(entries_[i]), entries_[i].tensor.size(),
                                    tensors[i].size()));
    for (std::size_t i = 0; i < entries_.size(); ++i)
        std::copy(tensors[i].begin(), tensors[i].end(), data_.begin() + entries_[i].offset);
}

std::vector<std::vector<float>> WeightStore::get_weights() const {
    std::vector<std::vector<float>> out;
    for (const WeightEntry& e : entries_) {
        const auto t = tensor(e);
        out.emplace_back(t.begin(), t.end());
    }
    return out;
}

}  // namespace ganforge
