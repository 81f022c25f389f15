// Activation (the DSL's ActivationLayer): the config reader, the DSL fields
// and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include "runtime/activation.hpp"
#include "runtime/dsl_literals.hpp"
#include "runtime/keras_layer_config.hpp"

namespace ganforge {

LayerSpec LayerRuntime<ActivationLayer>::from_config(const KerasConfigFields& f, const Shape&) {
    if (!f.find("activation")) f.fail("activation is missing");
    return ActivationLayer{.activation = keras_activation_field(f)}.spec();
}

// Written even when linear: the field is the layer's whole meaning.
void LayerRuntime<ActivationLayer>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    fields.push_back(".activation = " + activation_literal(l.activation));
}

void LayerRuntime<ActivationLayer>::run(const LayerRun& r, float* out) {
    for (std::size_t i = 0; i < r.l.input_shape.size(); ++i) out[i] = activate(r.l.activation, r.in()[i]);
}

}  // namespace ganforge
