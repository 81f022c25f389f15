// ReadOptions::custom_layers: a class the file names, which the program that
// trained the model registered itself (UpscalerJS' `MultiplyBeta`), read as
// the ganforge layer its SPEC writes in Keras' call syntax
// (`Rescaling(scale=0.2)`). The SPEC becomes the Keras config that layer
// would have in a file, read by the same reader, so a mapped layer is read
// exactly like a file's layer of that class.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct CustomLayer {
    std::string file_class;   // the file's class: "MultiplyBeta"
    std::string spec;         // as given: "Rescaling(scale=0.2)"
    std::string layer_class;  // the ganforge (Keras) class it names: "Rescaling"
    nlohmann::json config;    // the config it stands for: {"scale": 0.2}
};

using CustomLayers = std::map<std::string, CustomLayer, std::less<>>;

// Every SPEC parsed up front, used by the file or not, so that a mistake in
// one shows at once. A SPEC that does not parse, names a class ganforge does
// not have, or gives more positional arguments than Keras' constructor of
// that class takes, is an error naming `origin` and the SPEC.
CustomLayers parse_custom_layers(const std::map<std::string, std::string>& specs, const std::string& origin);

// The layer `layer` is read as; `context` names the file's layer and starts
// every message. A keyword the class's reader does not read is an error (a
// user typed it, where a file's unknown keys come from a newer Keras).
LayerSpec read_custom_layer(const CustomLayer& layer, const std::string& context, const Shape& input);

// "MultiplyBeta, read as Rescaling(scale=0.2)", for messages about the layer.
std::string custom_layer_note(const CustomLayer& layer);

}  // namespace ganforge
