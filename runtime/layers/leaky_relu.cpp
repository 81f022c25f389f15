// LeakyReLU: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <fmt/format.h>

#include "runtime/activation.hpp"
#include "runtime/dsl_literals.hpp"
#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<LeakyReLU>::from_config(const KerasConfigFields& f, const Shape&) {
    // Keras 2 and tfjs write alpha, Keras 3 negative_slope; both default to 0.3.
    const char* key = f.find("negative_slope") ? "negative_slope" : "alpha";
    return LeakyReLU{.alpha = float(f.number_or(key, 0.3, -1e6, 1e6))}.spec();
}

void LayerRuntime<LeakyReLU>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.alpha != LeakyReLU{}.alpha) fields.push_back(".alpha = " + float_literal(l.alpha));
}

void LayerRuntime<LeakyReLU>::run(const LayerRun& r, float* out) {
    for (std::size_t i = 0; i < r.l.input_shape.size(); ++i) out[i] = leaky_relu(r.in()[i], r.l.alpha);
}

}  // namespace ganforge
