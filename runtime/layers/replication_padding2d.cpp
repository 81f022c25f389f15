// ReplicationPadding2D: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include "runtime/layers/edge_padded_image.hpp"

namespace ganforge {

LayerSpec LayerRuntime<ReplicationPadding2D>::from_config(const KerasConfigFields& f, const Shape&) {
    return ReplicationPadding2D{.padding = edge_padding_from_config(f, ReplicationPadding2D{}.padding)}.spec();
}

void LayerRuntime<ReplicationPadding2D>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    edge_padding_dsl_fields(l, ReplicationPadding2D{}.padding, fields);
}

void LayerRuntime<ReplicationPadding2D>::run(const LayerRun& r, float* out) {
    edge_padded_image(r, out, ReplicationPadding2D::mode);
}

}  // namespace ganforge
