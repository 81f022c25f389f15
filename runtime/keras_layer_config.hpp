// One Keras layer config -> LayerSpec, as Keras 2.x, tf.keras, Keras 3 and
// tfjs-layers write it. Options that change inference and that the DSL cannot
// express (dilation, groups, channels_first, output_padding, ReLU max_value /
// negative_slope / threshold, a BatchNormalization axis other than the last,
// LoRA, quantised dtypes, an unknown activation) are errors naming the layer;
// options that do not change inference (initialisers, regularisers,
// constraints, momentum, trainable, seeds) are ignored. Unknown keys are
// ignored too: a newer Keras adds keys whose defaults keep the old behaviour.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <ganforge/core/layer_spec.hpp>
#include "runtime/keras_config_fields.hpp"

namespace ganforge {

// `input` is the layer's input shape: BatchNormalization's axis and Reshape's
// -1 are resolved against it. Throws ganforge::Error for an unsupported class
// or option, naming the layer by `fields.context()`; for a class ganforge
// does not know, the message says how to map it to one of its layers (the
// program that trained the model registered it itself).
LayerSpec keras_layer_spec(std::string_view class_name, const KerasConfigFields& fields,
                           const Shape& input);

// Whether keras_layer_spec reads this class.
bool is_keras_layer_class(std::string_view class_name);

// Every class it reads, "Dense, Reshape, ...", for messages.
std::string keras_layer_classes();
// Keras' activation as written in a config: a string ("relu", "silu", ...),
// null (linear), or Keras 3's {"class_name": "function", "config": "relu"};
// hard_sigmoid as the Keras that wrote it (`fields.generation()`) defines
// it. A function of a whole axis (softmax) or one ganforge lacks is an error
// naming the layer.
Activation keras_activation(const nlohmann::json& value, const KerasConfigFields& fields);

// The config's "activation", linear when it has none.
Activation keras_activation_field(const KerasConfigFields& fields);

}  // namespace ganforge
