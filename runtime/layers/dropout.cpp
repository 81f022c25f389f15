// Dropout: the config reader, the DSL fields and the interpreter kernel (the
// identity at inference).
#include "runtime/layer_runtime.hpp"

#include <algorithm>

#include "runtime/dsl_literals.hpp"
#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<Dropout>::from_config(const KerasConfigFields& f, const Shape&) {
    return Dropout{.rate = float(f.number_or("rate", 0.0, 0.0, 1.0))}.spec();
}

void LayerRuntime<Dropout>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.rate != Dropout{}.rate) fields.push_back(".rate = " + float_literal(l.rate));
}

void LayerRuntime<Dropout>::run(const LayerRun& r, float* out) {
    std::copy_n(r.in(), r.l.input_shape.size(), out);
}

}  // namespace ganforge
