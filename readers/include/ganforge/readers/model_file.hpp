// A model file as the command line and the tests meet it: a Keras JSON
// (`model.to_json()`), a TensorFlow.js model.json with its shards, a Keras
// HDF5 file (`model.save`: `model_config` and weights), a Keras 3 .keras
// archive or an ONNX file. The kind is read from the content, not the name.
// `options` gives what the file leaves to its reader (read_options.hpp): its
// custom classes and its inputs' unknown extents.
#pragma once

#include <filesystem>

#include <ganforge/readers/keras_model.hpp>
#include <ganforge/readers/read_options.hpp>
#include <ganforge/runtime/weight_store.hpp>

namespace ganforge {

// The model the file describes; errors name the file.
KerasModel read_model_config(const std::filesystem::path& path, const ReadOptions& options = {});

struct ModelWithWeights {
    KerasModel model;
    WeightStore weights;
};

// The model and its own weights (a tfjs model.json with its shards, an .h5
// model file, a .keras or an .onnx); a Keras JSON has no weights and is an
// error.
ModelWithWeights read_model_with_weights(const std::filesystem::path& path, const ReadOptions& options = {});

}  // namespace ganforge
