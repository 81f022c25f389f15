// Flatten: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <algorithm>

namespace ganforge {

LayerSpec LayerRuntime<Flatten>::from_config(const KerasConfigFields&, const Shape&) {
    return Flatten{}.spec();
}

void LayerRuntime<Flatten>::dsl_fields(const LayerSpec&, DslFields&) {}

void LayerRuntime<Flatten>::run(const LayerRun& r, float* out) {
    std::copy_n(r.in(), r.l.input_shape.size(), out);
}

}  // namespace ganforge
