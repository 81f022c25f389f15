// Add: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include "runtime/layers/elementwise_merge.hpp"

namespace ganforge {

LayerSpec LayerRuntime<Add>::from_config(const KerasConfigFields&, const Shape&) { return Add{}.spec(); }

void LayerRuntime<Add>::dsl_fields(const LayerSpec&, DslFields&) {}

void LayerRuntime<Add>::run(const LayerRun& r, float* out) {
    merge_elementwise(r, out, [](float a, float b) { return a + b; });
}

}  // namespace ganforge
