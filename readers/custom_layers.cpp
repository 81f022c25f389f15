#include "readers/custom_layers.hpp"

#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ganforge/core/error.hpp>
#include "readers/python_call.hpp"
#include "runtime/keras_config_fields.hpp"
#include "runtime/keras_layer_config.hpp"

namespace ganforge {
namespace {

// The leading parameters of Keras 3's layer constructors, which Python lets a
// call give by position (`LeakyReLU(0.2)`, `Conv2D(64, 3)`); ganforge's own
// DepthToSpace and SpaceToDepth take their block size first, as TensorFlow's
// functions do, and its padding layers their padding, as ZeroPadding2D. A
// class missing here takes keyword arguments only.
struct Positional {
    std::string_view layer_class;
    std::array<std::string_view, 4> parameters;
};
constexpr Positional positional_parameters[] = {
    {"Dense", {"units"}},
    {"Conv2D", {"filters", "kernel_size", "strides", "padding"}},
    {"Conv2DTranspose", {"filters", "kernel_size", "strides", "padding"}},
    {"Reshape", {"target_shape"}},
    {"Flatten", {"data_format"}},
    {"UpSampling2D", {"size", "data_format", "interpolation"}},
    {"LeakyReLU", {"negative_slope"}},
    {"ReLU", {"max_value", "negative_slope", "threshold"}},
    {"Activation", {"activation"}},
    {"BatchNormalization", {"axis", "momentum", "epsilon", "center"}},
    {"Dropout", {"rate"}},
    {"Concatenate", {"axis"}},
    {"Embedding", {"input_dim", "output_dim"}},
    {"ZeroPadding2D", {"padding", "data_format"}},
    {"Cropping2D", {"cropping", "data_format"}},
    {"Rescaling", {"scale", "offset"}},
    {"DepthToSpace", {"block_size"}},
    {"SpaceToDepth", {"block_size"}},
    {"GroupNormalization", {"groups", "axis", "epsilon", "center"}},
    {"ReflectionPadding2D", {"padding"}},
    {"ReplicationPadding2D", {"padding"}},
};

std::vector<std::string_view> parameters_of(std::string_view layer_class) {
    std::vector<std::string_view> names;
    for (const Positional& p : positional_parameters)
        if (p.layer_class == layer_class)
            for (std::string_view n : p.parameters)
                if (!n.empty()) names.push_back(n);
    return names;
}

CustomLayer parse_one(const std::string& file_class, const std::string& spec, const std::string& origin) {
    const std::string context = fmt::format("{}: the layer '{}' given for class '{}'", origin, spec, file_class);
    if (file_class.empty()) throw Error(fmt::format("{}: the class to map is empty (CLASS=SPEC)", context));
    PythonCall call = parse_python_call(spec, context);
    if (!is_keras_layer_class(call.callee))
        throw Error(fmt::format("{}: '{}' is not a ganforge layer (ganforge's layers are {})", context, call.callee,
                                keras_layer_classes()));
    const std::vector<std::string_view> names = parameters_of(call.callee);
    if (call.positional.size() > names.size()) {
        const std::string takes =
            names.empty() ? std::string("no positional arguments; give them as name=value")
                          : fmt::format("at most {} positional argument{} ({}); give the others as name=value",
                                        names.size(), names.size() == 1 ? "" : "s", fmt::join(names, ", "));
        throw Error(fmt::format("{}: {} takes {}", context, call.callee, takes));
    }
    CustomLayer layer{file_class, spec, call.callee, nlohmann::json::object()};
    for (std::size_t i = 0; i < call.positional.size(); ++i)
        layer.config[std::string(names[i])] = std::move(call.positional[i]);
    for (auto& [key, value] : call.keywords) {
        if (layer.config.contains(key))
            throw Error(fmt::format("{}: {} is given '{}' twice, by position and by name", context, call.callee, key));
        layer.config[key] = std::move(value);
    }
    return layer;
}

}  // namespace

CustomLayers parse_custom_layers(const std::map<std::string, std::string>& specs, const std::string& origin) {
    CustomLayers layers;
    for (const auto& [file_class, spec] : specs) layers.emplace(file_class, parse_one(file_class, spec, origin));
    return layers;
}

LayerSpec read_custom_layer(const CustomLayer& layer, const std::string& context, const Shape& input) {
    const KerasConfigFields fields(layer.config, context);
    LayerSpec spec = keras_layer_spec(layer.layer_class, fields, input);
    if (const auto unread = fields.unread_keys(); !unread.empty())
        fields.fail(fmt::format("{} takes no argument '{}'", layer.layer_class, unread.front()));
    return spec;
}

std::string custom_layer_note(const CustomLayer& layer) {
    return fmt::format("{}, read as {}", layer.file_class, layer.spec);
}

}  // namespace ganforge
