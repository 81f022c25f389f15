// GroupNormalization: its statistics depend on the whole image, so it is a
// step of its own that reads its input whole; what follows it pointwise
// becomes its epilogue.
#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

#include "codegen/lowering.hpp"

namespace ganforge::codegen {

void lower_group_normalization(Lowering& lo, std::size_t i) {
    StepGraph& g = lo.graph;
    const LayerSpec& l = lo.model.layers[i];
    const std::size_t x = g.channels_adjacent(lo.input_of(i), lo.names[i]);
    const Shape shape = g.tensor(x).shape;
    const std::size_t groups = GroupNormalization::group_count(l, shape.channels());
    const std::size_t y = g.whole(g.new_storage(shape));
    g.push(make_step(GroupNorm{i, groups, l.epsilon}, shape, shape, shape.channels(), 0),
           fmt::format("{}: GroupNormalization {} in {} groups", lo.names[i], shape_extents(shape, "x"), groups),
           false, x, y);
    lo.bind(i, y);
}

}  // namespace ganforge::codegen
