#include "runtime/keras_layer_config.hpp"

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "runtime/layer_runtime.hpp"

namespace ganforge {
namespace {

using Fields = KerasConfigFields;

// Options every layer class may carry.
void check_common_options(const Fields& f) {
    if (const auto format = f.string("data_format"); format && *format != "channels_last")
        f.fail(fmt::format("data_format '{}' is not supported (ganforge runs channels_last)", *format));
    // dtype: "float32" (Keras 2, tfjs) or a policy object (Keras 3 DTypePolicy,
    // tf.keras mixed precision Policy). Mixed policies keep float32 weights; we
    // compute in float32, as Keras does for the variables. Anything else (float64,
    // int8 quantisation) would be a different model.
    if (const nlohmann::json* d = f.find("dtype")) {
        const nlohmann::json* name = d;
        if (d->is_object()) {
            const auto c = d->find("config");
            name = c != d->end() && c->is_object() && c->contains("name") ? &(*c)["name"] : nullptr;
        }
        if (!name || !name->is_string())
            f.fail(fmt::format("dtype {} is not understood", brief_json(*d)));
        const auto n = name->get<std::string>();
        if (n != "float32" && n != "mixed_float16" && n != "mixed_bfloat16")
            f.fail(fmt::format("dtype '{}' is not supported (ganforge runs float32)", n));
    }
    if (const nlohmann::json* lora = f.find("lora_rank"); lora && !(lora->is_number() && *lora == 0))
        f.fail(fmt::format("LoRA (lora_rank {}) is not supported", brief_json(*lora)));
    if (f.find("quantization_config"))
        f.fail("quantization_config is not supported (ganforge runs float32 weights)");
}

// Each registered layer's class name and reader (runtime/layers/).
struct Reader {
    std::string_view keras_class;
    LayerSpec (*read)(const Fields&, const Shape&);
};
constexpr Reader readers[] = {
#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem) {keras_class, &LayerRuntime<type>::from_config},
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND
};

}  // namespace

Activation keras_activation(const nlohmann::json& value, const KerasConfigFields& f) {
    const nlohmann::json* name = &value;
    if (value.is_object()) {  // Keras 3: {"class_name": "function", "config": "relu", ...}
        const auto c = value.find("config");
        name = has_string_field(value, "class_name", "function") && c != value.end() ? &*c : nullptr;
    }
    if (value.is_null()) return Activation::linear;
    if (!name || !name->is_string())
        f.fail(fmt::format("activation {} is not supported", brief_json(value)));
    const auto n = name->get<std::string>();
    static constexpr std::array<std::pair<std::string_view, Activation>, 11> known{{
        {"linear", Activation::linear},     {"relu", Activation::relu},
        {"sigmoid", Activation::sigmoid},   {"tanh", Activation::tanh},
        {"elu", Activation::elu},           {"selu", Activation::selu},
        {"softplus", Activation::softplus}, {"softsign", Activation::softsign},
        {"swish", Activation::swish},       {"silu", Activation::swish},
        {"exponential", Activation::exponential},
    }};
    for (const auto& [keras, a] : known)
        if (n == keras) return a;
    f.fail(fmt::format("activation '{}' is not supported (ganforge has linear, relu, sigmoid, tanh, "
                       "elu, selu, softplus, softsign, swish/silu, exponential)",
                       n.size() > 40 ? n.substr(0, 40) + "..." : n));
}

Activation keras_activation_field(const KerasConfigFields& f) {
    const nlohmann::json* a = f.find("activation");
    return a ? keras_activation(*a, f) : Activation::linear;
}

LayerSpec keras_layer_spec(std::string_view class_name, const KerasConfigFields& fields,
                           const Shape& input) {
    for (const Reader& r : readers)
        if (class_name == r.keras_class) {
            check_common_options(fields);
            return r.read(fields, input);
        }
    fields.fail(fmt::format("class '{0}' is not a ganforge layer; map it to one with --layer '{0}=<Layer>(...)' "
                            "(in C++, ReadOptions::custom_layers); ganforge's layers are {1}",
                            class_name, keras_layer_classes()));
}

bool is_keras_layer_class(std::string_view class_name) {
    for (const Reader& r : readers)
        if (class_name == r.keras_class) return true;
    return false;
}

std::string keras_layer_classes() {
    std::string known;
    for (const Reader& r : readers) known += fmt::format("{}{}", known.empty() ? "" : ", ", r.keras_class);
    return known;
}

}  // namespace ganforge
