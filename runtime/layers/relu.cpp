// ReLU: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "runtime/activation.hpp"
#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<ReLU>::from_config(const KerasConfigFields& f, const Shape&) {
    // Any max_value caps the output; negative_slope and threshold 0 are plain ReLU.
    for (const char* key : {"max_value", "negative_slope", "threshold"}) {
        const nlohmann::json* v = f.find(key);
        if (v && !(v->is_number() && *v == 0 && std::string_view(key) != "max_value"))
            f.fail(fmt::format("{} {} is not supported (ganforge's ReLU is max(x, 0))", key, brief_json(*v)));
    }
    return ReLU{}.spec();
}

void LayerRuntime<ReLU>::dsl_fields(const LayerSpec&, DslFields&) {}

void LayerRuntime<ReLU>::run(const LayerRun& r, float* out) {
    for (std::size_t i = 0; i < r.l.input_shape.size(); ++i) out[i] = activate(Activation::relu, r.in()[i]);
}

}  // namespace ganforge
