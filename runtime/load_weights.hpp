// ganforge::load_weights<Model>(path): a model's weights from a TensorFlow.js
// layers model (model.json + shards) or a Keras HDF5 file (`model.save` or
// `save_weights`), matched to the model as weight_matching.hpp says.
#pragma once

#include <filesystem>

#include <ganforge/runtime/weight_file.hpp>
#include <ganforge/runtime/weight_store.hpp>
#include <ganforge/runtime/weights.hpp>

namespace ganforge {

// The weight tensors a file holds, whatever its kind (read from its content).
WeightFile read_weight_file(const std::filesystem::path& path);

// Reads `path` into `store`; a mismatch throws ganforge::Error naming the
// file, the layer, the tensor and what differs.
void load_weights_into(WeightStore& store, const std::filesystem::path& path);

template <Model M>
Weights<M> load_weights(const std::filesystem::path& path) {
    Weights<M> weights;
    load_weights_into(weights, path);
    return weights;
}

}  // namespace ganforge
