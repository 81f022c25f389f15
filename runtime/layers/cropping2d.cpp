// Cropping2D: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include "runtime/dsl_literals.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/keras_config_fields.hpp"
#include "runtime/layers/shifted_image.hpp"

namespace ganforge {

LayerSpec LayerRuntime<Cropping2D>::from_config(const KerasConfigFields& f, const Shape&) {
    return Cropping2D{.cropping = f.margins_or("cropping", Cropping2D{}.cropping, 0,
                                               int(import_limits::max_extent))}.spec();
}

void LayerRuntime<Cropping2D>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.margins != Cropping2D{}.cropping) fields.push_back(".cropping = " + margins_literal(l.margins));
}

void LayerRuntime<Cropping2D>::run(const LayerRun& r, float* out) {
    shifted_image(r, out, -long(r.l.margins.top), -long(r.l.margins.left));
}

}  // namespace ganforge
