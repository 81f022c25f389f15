// Pointwise layers (ReLU, Activation, LeakyReLU, BatchNormalization): folded
// into the weights of the linear step that alone feeds them, else applied as
// the epilogue of the step that does, else a step of their own.
#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

#include "codegen/lowering.hpp"

namespace ganforge::codegen {

void lower_pointwise(Lowering& lo, PointwiseOp op, std::size_t i) {
    StepGraph& g = lo.graph;
    const std::size_t t = lo.input_of(i);
    const Shape shape = g.tensor(t).shape;
    const std::size_t c = extents3(shape).channels;
    const bool channel_wise = op.kind == PointwiseOp::Kind::scale_shift;
    if (const std::size_t p = g.sole_producer(t); p != no_index && (!channel_wise || g.step(p).channels % c == 0)) {
        Step& s = g.step(p);
        LinearSource* lin = linear_source(s);
        if (channel_wise && g.open(p) && lin != nullptr) {
            lin->folded.push_back(op.layer);
            lin->has_bias = true;
        } else {
            s.epilogue.push_back(op);
            g.close(p);
        }
        lo.rebind(i, t);
        return;
    }
    Step s = make_step(Pointwise{}, shape, shape, c, 0);
    s.epilogue.push_back(op);
    const std::size_t out = g.whole(g.new_storage(shape));
    g.push(std::move(s), fmt::format("{}: {}", lo.names[op.layer], shape_extents(shape, "x")), false, t, out);
    lo.bind(i, out);
}

}  // namespace ganforge::codegen
