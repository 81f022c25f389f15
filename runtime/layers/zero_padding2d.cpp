// ZeroPadding2D: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include "runtime/dsl_literals.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/keras_config_fields.hpp"
#include "runtime/layers/shifted_image.hpp"

namespace ganforge {

LayerSpec LayerRuntime<ZeroPadding2D>::from_config(const KerasConfigFields& f, const Shape&) {
    return ZeroPadding2D{.padding = f.margins_or("padding", ZeroPadding2D{}.padding, 0,
                                                 int(import_limits::max_extent))}.spec();
}

void LayerRuntime<ZeroPadding2D>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.margins != ZeroPadding2D{}.padding) fields.push_back(".padding = " + margins_literal(l.margins));
}

void LayerRuntime<ZeroPadding2D>::run(const LayerRun& r, float* out) {
    shifted_image(r, out, r.l.margins.top, r.l.margins.left);
}

}  // namespace ganforge
