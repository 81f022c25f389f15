#include "runtime/keras_layer_config.hpp"

#include <string>
#include <utility>

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

// Every name a Keras config gives an element-wise activation function:
// each enumerator's, then Keras' aliases. hard_sigmoid has two rows, Keras
// 3's function and then Keras 2's.
constexpr std::pair<std::string_view, Activation> keras_activation_names[] = {
#define GANFORGE_ACTIVATION(enumerator, keras) {keras, Activation::enumerator},
#include <ganforge/core/activations.inc>
#undef GANFORGE_ACTIVATION
    {"silu", Activation::silu},
    {"hard_swish", Activation::hard_swish},
};

// keras.activations' functions of a whole axis, which no element-wise
// epilogue computes.
constexpr std::string_view not_element_wise[] = {"softmax", "log_softmax", "glu", "sparsemax"};

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
    const std::string shown = n.size() > 40 ? n.substr(0, 40) + "..." : n;
    for (const auto& [keras, a] : keras_activation_names) {
        if (n != keras) continue;
        // hard_sigmoid's first row, Keras 3's function, unless Keras 2 wrote the file.
        if (a == Activation::hard_sigmoid && f.generation() == KerasGeneration::keras2)
            return Activation::hard_sigmoid_keras2;
        return a;
    }
    std::string known;
    for (const auto& [keras, a] : keras_activation_names)
        if (a != Activation::hard_sigmoid_keras2) known += fmt::format("{}{}", known.empty() ? "" : ", ", keras);
    for (const std::string_view other : not_element_wise)
        if (n == other)
            f.fail(fmt::format("activation '{}' is not element-wise (each output reads a whole axis); ganforge "
                               "runs the element-wise ones: {}", shown, known));
    f.fail(fmt::format("activation '{}' is not supported (ganforge has {})", shown, known));
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
