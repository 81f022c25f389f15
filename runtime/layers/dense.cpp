// Dense: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <fmt/format.h>

#include "runtime/activation.hpp"
#include "runtime/dsl_literals.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/keras_layer_config.hpp"

namespace ganforge {

LayerSpec LayerRuntime<Dense>::from_config(const KerasConfigFields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::dense, .units = f.integer("units", 1, import_limits::max_units)};
    s.activation = keras_activation_field(f);
    s.use_bias = f.boolean_or("use_bias", true);
    return s;
}

void LayerRuntime<Dense>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    fields.push_back(fmt::format(".units = {}", l.units));
    if (l.activation != Activation::linear) fields.push_back(".activation = " + activation_literal(l.activation));
    if (!l.use_bias) fields.push_back(".use_bias = false");
}

// Acts on the last axis, as in Keras: every row of a sequence separately.
void LayerRuntime<Dense>::run(const LayerRun& r, float* out) {
    const LayerSpec& l = r.l;
    const std::size_t n_in = l.input_shape.channels(), n_out = std::size_t(l.units);
    const std::size_t rows = l.input_shape.size() / n_in;
    const float* kernel = r.weight(WeightRole::kernel).data();  // [in, out]
    const auto bias = r.weight(WeightRole::bias);
    for (std::size_t row = 0; row < rows; ++row) {
        float* y = out + row * n_out;
        for (std::size_t o = 0; o < n_out; ++o) y[o] = bias.empty() ? 0.0f : bias[o];
        for (std::size_t i = 0; i < n_in; ++i) {
            const float x = r.in()[row * n_in + i];
            const float* k = kernel + i * n_out;
            for (std::size_t o = 0; o < n_out; ++o) y[o] += x * k[o];
        }
        for (std::size_t o = 0; o < n_out; ++o) y[o] = activate(l.activation, y[o]);
    }
}

}  // namespace ganforge
