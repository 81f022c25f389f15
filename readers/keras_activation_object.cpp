#include "readers/keras_activation_object.hpp"

namespace ganforge {

std::optional<ActivationObject> activation_object(const nlohmann::json& layer_config) {
    if (!layer_config.is_object()) return std::nullopt;
    const auto a = layer_config.find("activation");
    if (a == layer_config.end() || !a->is_object()) return std::nullopt;
    const auto cls = a->find("class_name");
    const auto config = a->find("config");
    if (cls == a->end() || !cls->is_string() || *cls == "function" || config == a->end() || !config->is_object())
        return std::nullopt;
    nlohmann::json own = layer_config;
    own["activation"] = "linear";
    return ActivationObject{cls->get<std::string>(), &*config, std::move(own)};
}

std::string activation_layer_name(std::string_view layer) { return std::string(layer) + "_activation"; }

}  // namespace ganforge
