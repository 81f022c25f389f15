// An activation given as a layer object, `Dense(64, activation=LeakyReLU(0.2))`.
// Keras 3 writes that layer's own serialised config in the layer's
// `activation`: {"module": "keras.layers", "class_name": "LeakyReLU",
// "config": {...}, "registered_name": null} (tf.keras 2 the same without
// module and registered_name), where a function is a name ("relu") or
// {"class_name": "function", "config": "relu"}. ganforge reads such a layer
// as two: the layer with a linear activation, then the activation's layer,
// named `<layer>_activation`, which the layers that read the original read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ganforge {

struct ActivationObject {
    std::string class_name;
    const nlohmann::json* config;  // the object's config, inside `layer_config`'s file
    nlohmann::json layer_config;   // the layer's own config, its activation linear
};

// The activation object in a layer's config, if it holds one; anything else
// in `activation` is left for the layer's reader to accept or refuse.
std::optional<ActivationObject> activation_object(const nlohmann::json& layer_config);

// The name the activation's layer takes: "dense_3" -> "dense_3_activation".
std::string activation_layer_name(std::string_view layer);

}  // namespace ganforge
