// Concatenate: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<Concatenate>::from_config(const KerasConfigFields& f, const Shape&) {
    return Concatenate{.axis = f.integer_or("axis", -1, -int(Shape::max_rank) - 1, int(Shape::max_rank))}.spec();
}

void LayerRuntime<Concatenate>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.axis != Concatenate{}.axis) fields.push_back(fmt::format(".axis = {}", l.axis));
}

// Along the axis, the inputs' slices one after another.
void LayerRuntime<Concatenate>::run(const LayerRun& r, float* out) {
    const LayerSpec& l = r.l;
    const auto axis = std::size_t(shape_rules::concat_axis(l.axis, l.input_shape.rank()));
    std::size_t outer = 1, inner = 1;
    for (std::size_t a = 0; a < axis; ++a) outer *= l.input_shape[a];
    for (std::size_t a = axis + 1; a < l.input_shape.rank(); ++a) inner *= l.input_shape[a];
    for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t j = 0; j < r.inputs.size(); ++j) {
            const std::size_t block = r.model.shape_of(l.inbound[j])[axis] * inner;
            out = std::copy_n(r.inputs[j] + o * block, block, out);
        }
}

}  // namespace ganforge
