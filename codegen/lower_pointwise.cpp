// Pointwise layers (ReLU, Activation, LeakyReLU, PReLU, BatchNormalization,
// Rescaling): the affine ones folded into the weights of the linear step
// that alone feeds them, else applied as the epilogue of the step that does,
// else a step of their own.
#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

#include "codegen/lowering.hpp"

namespace ganforge::codegen {

void lower_pointwise(Lowering& lo, PointwiseOp op, std::size_t i) {
    StepGraph& g = lo.graph;
    const std::size_t t = lo.input_of(i);
    const Shape shape = g.tensor(t).shape;
    const std::size_t c = extents3(shape).channels;
    const bool channel_wise = channel_tables(op) > 0;
    if (const std::size_t p = g.sole_producer(t); p != no_index && (!channel_wise || g.step(p).channels % c == 0)) {
        Step& s = g.step(p);
        LinearSource* lin = linear_source(s);
        if (op.kind == PointwiseOp::Kind::scale_shift && g.open(p) && lin != nullptr) {
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

// Slopes that vary over the image as well: a step over the tensor viewed
// flat, its slope table as long as the tensor.
void lower_prelu(Lowering& lo, std::size_t i) {
    const PointwiseOp op{PointwiseOp::Kind::prelu, Activation::linear, 0.0f, i};
    const LayerSpec& l = lo.model.layers[i];
    if (PReLU::per_channel(l)) return lower_pointwise(lo, op, i);
    StepGraph& g = lo.graph;
    const std::size_t t = g.dense(lo.input_of(i), lo.names[i]);
    const Shape flat{l.input_shape.size()};
    const std::size_t in = g.add_tensor({flat, g.tensor(t).storage, 0, flat[0], flat[0]});
    Step s = make_step(Pointwise{}, flat, flat, flat[0], 0);
    s.epilogue.push_back(op);
    const std::size_t storage = g.new_storage(l.output_shape), out = g.whole(storage);
    g.storage(storage).pinned = true;  // written flat
    const std::size_t out_flat = g.add_tensor({flat, storage, 0, flat[0], flat[0]});
    g.push(std::move(s), fmt::format("{}: PReLU {}", lo.names[i], shape_extents(l.input_shape, "x")), false, in,
           out_flat);
    g.producer(out) = g.producer(out_flat);
    lo.bind(i, out);
}

}  // namespace ganforge::codegen
