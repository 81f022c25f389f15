// WeightStore: every weight tensor of a model in one flat float array, with a
// table (layer, role, shape, offset) in Keras' get_weights() order. Readers,
// set_weights and initialisers fill it; the interpreter reads it; generated
// networks repack from it once.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <ganforge/core/layer_spec.hpp>
#include <ganforge/core/model_spec.hpp>

namespace ganforge {

struct WeightEntry {
    std::size_t layer = 0;  // index into ModelSpec::layers
    TensorSpec tensor;
    std::size_t offset = 0;  // into WeightStore::data()
};

class WeightStore {
public:
    // All tensors of `model`, zero-filled.
    explicit WeightStore(ModelSpec model);

    const ModelSpec& model() const { return model_; }
    const std::vector<WeightEntry>& entries() const { return entries_; }
    std::span<float> data() { return data_; }
    std::span<const float> data() const { return data_; }

    std::span<float> tensor(const WeightEntry& e) { return {data_.data() + e.offset, e.tensor.size()}; }
    std::span<const float> tensor(const WeightEntry& e) const {
        return {data_.data() + e.offset, e.tensor.size()};
    }
    // The tensor of layer `layer` with `role`, or an empty span if that layer
    // has none (a Dense without bias, a BatchNormalization without gamma).
    std::span<const float> find(std::size_t layer, WeightRole role) const;

    // Keras' set_weights / get_weights: one vector per tensor, in order. A wrong
    // count or size throws ganforge::Error naming the layer, tensor and sizes.
    void set_weights(const std::vector<std::vector<float>>& tensors);
    std::vector<std::vector<float>> get_weights() const;

    // "conv2d_transpose_1/kernel [4, 4, 128, 256]": for messages.
    std::string describe(const WeightEntry& e) const;

private:
    ModelSpec model_;
    std::vector<std::string> names_;
    std::vector<WeightEntry> entries_;
    std::vector<float> data_;
};

}  // namespace ganforge
