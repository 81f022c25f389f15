// Keras HDF5 files, read as h5py writes them. Layouts read:
// - Keras 2 / tf.keras `model.save("x.h5")`: root attributes `keras_version`,
//   `backend`, `model_config` (the model's JSON; fixed- or variable-length
//   string), `training_config`; group `model_weights` with attributes
//   `layer_names` (a list of strings, split into `layer_names0`,
//   `layer_names1`, ... when long), `backend`, `keras_version`; per layer a
//   group `model_weights/<layer>` with attribute `weight_names` (e.g.
//   `dense_1/kernel:0`, `dense_1/bias:0`; an empty float64 array for a layer
//   without weights) and one dataset per weight at `<layer group>/<weight
//   name>`, so `model_weights/dense_1/dense_1/kernel:0`.
// - Keras 2 `save_weights("x.h5")`: the same as `model_weights`, at the root,
//   without `model_config`.
// - Keras 3 `model.save("x.h5")` (its legacy h5 format): as Keras 2, but the
//   weight names are the variables' paths, nested under the model's name and
//   without `:0` (`model_weights/dense/sequential/dense/kernel`), and a
//   `top_level_model_weights` group (empty for Sequential and functional
//   models; weights there are an error).
// - A nested model (a Model wrapping a Sequential) stores all its layers'
//   weights in one group named after it, trainable ones first; they are split
//   by the layer each weight name gives (`.../dense_2/kernel:0`).
// Not read (a clear error): Keras 3 `.weights.h5` (`layers/<class>/vars/0`).
// Weights are any floating-point type (float16/64 converted to float32).
#pragma once

#include <optional>
#include <string>

#include "readers/hdf5_file.hpp"
#include "readers/keras_model_config.hpp"
#include <ganforge/readers/weight_file.hpp>

namespace ganforge {

// The `model_config` attribute (a Keras model JSON), if the file has one.
std::optional<std::string> keras_h5_model_config(const Hdf5File& file);

// The model of a `model.save` file: its model_config and keras_version; a
// file without model_config (from save_weights) is an error.
KerasModel keras_h5_model(const Hdf5File& file, const ReadOptions& options = {});

// Every weight tensor, layers in the model's order (the model_config's chain
// when it can be read, else `layer_names`).
WeightFile keras_h5_weights(const Hdf5File& file);

}  // namespace ganforge
