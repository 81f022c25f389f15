// A Keras model config -> ModelSpec. Reads the JSON of `model.to_json()`, the
// `model_config` of an .h5 file and the `modelTopology` of a TensorFlow.js
// model.json, as Keras 2.x, tf.keras, Keras 3 and tfjs-layers write them:
// - `Sequential` (its config a dict with `layers`, or the bare list of
//   Keras <= 2.1), a functional `Model`/`Functional` whose layers form one
//   chain (Keras 2 `inbound_nodes` lists and Keras 3 `args` with
//   `keras_history`), and models nested in either (a Model wrapping a
//   Sequential), flattened into one chain;
// - the input from a leading `InputLayer` (`batch_input_shape`, Keras 3
//   `batch_shape`), from the first layer's `batch_input_shape`, or from
//   `build_input_shape` / `build_config`; its unknown (None) extents from
//   ReadOptions::input_shapes (declared_inputs.hpp);
// - classes the file's program registered itself, as
//   ReadOptions::custom_layers maps them (custom_layers.hpp);
// - an activation given as a layer object, as two layers
//   (keras_activation_object.hpp).
// Every problem is a ganforge::Error naming the file, the layer and its class.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <ganforge/readers/keras_model.hpp>
#include <ganforge/readers/read_options.hpp>

namespace ganforge {

// `model` is {"class_name": ..., "config": ...}; `origin` (a file name) starts
// every error message. `keras_version`: the file's, where it keeps it outside
// the model's JSON (an .h5 file's attribute, a .keras archive's
// metadata.json); the JSON's own wins. It decides what hard_sigmoid means
// (keras_generation).
KerasModel keras_model(const nlohmann::json& model, const std::string& origin, const ReadOptions& options = {},
                       std::string_view keras_version = {});

// The layer names of the chain, in order, without checking the layers: the
// weights readers order a file's layers with it.
std::vector<std::string> keras_layer_order(const nlohmann::json& model, const std::string& origin);

// JSON text -> json, a syntax error as one line naming `origin` and the place.
nlohmann::json parse_json_text(std::string_view text, const std::string& origin);

// A Keras JSON (`model.to_json()`) or a TensorFlow.js model.json (its
// `modelTopology`) as text: the entry point for files and fuzzers.
KerasModel parse_model_json(std::string_view text, const std::string& origin, const ReadOptions& options = {},
                            std::string_view keras_version = {});

}  // namespace ganforge
