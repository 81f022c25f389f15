// ganforge::load_weights<Model>(path): a model's weights from a TensorFlow.js
// layers model (model.json + shards), a Keras HDF5 file (`model.save` or
// `save_weights`, Keras 2's layout or Keras 3's .weights.h5), a Keras 3
// .keras archive or an ONNX file (its weights as its translation into Keras'
// layers holds them), matched to the model as weight_matching.hpp says.
#pragma once

#include <filesystem>

#include <ganforge/readers/read_options.hpp>
#include <ganforge/readers/weight_file.hpp>
#include <ganforge/runtime/weight_store.hpp>
#include <ganforge/runtime/weights.hpp>

namespace ganforge {

// The weight tensors a file holds, whatever its kind (read from its content).
// A Keras 3 .weights.h5 names them by layer class and order only, so they are
// read in `model`'s layer order, which must be Keras' (model.layers); a
// .keras archive's paths follow its own config.json, and its tensors are
// filed under that config's layer names. `options` maps the custom classes
// of a file whose own model is read (a .keras, an .onnx); the sizes come from
// `model`, so a .keras's unknown input extents need none.
WeightFile read_weight_file(const std::filesystem::path& path, const ModelSpec& model,
                            const ReadOptions& options = {});

// Reads `path` into `store`; a mismatch throws ganforge::Error naming the
// file, the layer, the tensor and what differs.
void load_weights_into(WeightStore& store, const std::filesystem::path& path, const ReadOptions& options = {});

template <Model M>
Weights<M> load_weights(const std::filesystem::path& path, const ReadOptions& options = {}) {
    Weights<M> weights;
    load_weights_into(weights, path, options);
    return weights;
}

}  // namespace ganforge
