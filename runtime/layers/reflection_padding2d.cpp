// ReflectionPadding2D: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include "runtime/layers/edge_padded_image.hpp"

namespace ganforge {

LayerSpec LayerRuntime<ReflectionPadding2D>::from_config(const KerasConfigFields& f, const Shape&) {
    return ReflectionPadding2D{.padding = edge_padding_from_config(f, ReflectionPadding2D{}.padding)}.spec();
}

void LayerRuntime<ReflectionPadding2D>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    edge_padding_dsl_fields(l, ReflectionPadding2D{}.padding, fields);
}

void LayerRuntime<ReflectionPadding2D>::run(const LayerRun& r, float* out) {
    edge_padded_image(r, out, ReflectionPadding2D::mode);
}

}  // namespace ganforge
