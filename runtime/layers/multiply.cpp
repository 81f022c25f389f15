// Multiply: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include "runtime/layers/elementwise_merge.hpp"

namespace ganforge {

LayerSpec LayerRuntime<Multiply>::from_config(const KerasConfigFields&, const Shape&) { return Multiply{}.spec(); }

void LayerRuntime<Multiply>::dsl_fields(const LayerSpec&, DslFields&) {}

void LayerRuntime<Multiply>::run(const LayerRun& r, float* out) {
    merge_elementwise(r, out, [](float a, float b) { return a * b; });
}

}  // namespace ganforge
