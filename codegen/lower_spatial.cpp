// Layers that move pixels: Reshape and Flatten, views of a dense tensor;
// UpSampling2D and ZeroPadding2D, folded into the Conv2D that alone reads
// them, else a step of their own (ZeroPadding2D's border, its input placed
// inside); Cropping2D, a view read in place.
#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

#include "codegen/lowering.hpp"

namespace ganforge::codegen {

// Reshape and Flatten reinterpret a dense tensor in place.
void lower_reshape(Lowering& lo, std::size_t i) {
    StepGraph& g = lo.graph;
    const std::size_t t = g.dense(lo.input_of(i), lo.names[i]);
    const Shape shape = lo.model.layers[i].output_shape;
    const Extents3 e = extents3(shape);
    const std::size_t view = g.add_tensor({shape, g.tensor(t).storage, 0, e.cols * e.channels, e.channels});
    if (g.readers(lo.input_of(i)) == 1) g.producer(view) = g.producer(t);
    lo.bind(i, view);
}

// UpSampling2D layer i: fused into a Conv2D that alone reads it (pointwise
// layers between commute with nearest upsampling and move before it),
// else a step.
void lower_upsampling(Lowering& lo, std::size_t i) {
    const ModelSpec& m = lo.model;
    StepGraph& g = lo.graph;
    const LayerSpec& l = m.layers[i];
    if (l.interpolation == Interpolation::nearest) {
        std::optional<std::size_t> j = lo.sole_reader(i);
        std::vector<std::size_t> between;
        while (j && is_pointwise(m.layers[*j]) && !lo.starts_collapse(*j)) {
            between.push_back(*j);
            j = lo.sole_reader(*j);
        }
        if (j && m.layers[*j].kind == LayerKind::conv2d && !lo.starts_collapse(*j)) {
            lo.rebind(i, lo.input_of(i));  // the low-resolution tensor stands for it
            for (std::size_t p : between) lower_layer(lo, p);
            lo.done[*j] = true;
            lower_convolution(lo, *j, i);
            return;
        }
    }
    const std::size_t x = g.channels_adjacent(lo.input_of(i), lo.names[i]);
    const Shape in = g.tensor(x).shape, out = l.output_shape;
    const bool nearest = l.interpolation == Interpolation::nearest;
    StepOp op = nearest ? StepOp(UpsampleNearest{l.size.rows, l.size.cols})
                        : StepOp(UpsampleBilinear{l.size.rows, l.size.cols, l.interpolation});
    const std::size_t y = g.whole(g.new_storage(out));
    g.push(make_step(std::move(op), in, out, in.channels(), 0),
           fmt::format("{}: UpSampling2D {} {}x{} {} -> {}", lo.names[i], keras_name(l.interpolation),
                       l.size.rows, l.size.cols, shape_extents(in, "x"), shape_extents(out, "x")),
           false, x, y);
    lo.bind(i, y);
}

// ZeroPadding2D: folded into a Conv2D that alone reads it (its zeros are
// taps outside the image), else a border around an interior.
void lower_zero_padding(Lowering& lo, std::size_t i) {
    StepGraph& g = lo.graph;
    const ModelSpec& m = lo.model;
    const LayerSpec& l = m.layers[i];
    if (const auto j = lo.sole_reader(i); j && m.layers[*j].kind == LayerKind::conv2d && !lo.starts_collapse(*j)) {
        lo.rebind(i, lo.input_of(i));  // the unpadded tensor stands for it
        lo.done[*j] = true;
        lower_convolution(lo, *j, std::nullopt, i);
        return;
    }
    const std::size_t padded = g.new_storage(l.output_shape), out = g.whole(padded);
    g.push(make_step(ZeroBorder{l.margins}, {}, l.output_shape, l.output_shape.channels(), 0),
           fmt::format("{}: ZeroPadding2D border of {}", lo.names[i], shape_extents(l.output_shape, "x")), false,
           no_index, out);
    const std::size_t x = lo.input_of(i);
    g.place(x, padded,
            std::size_t(l.margins.top) * g.tensor(out).row + std::size_t(l.margins.left) * g.tensor(out).pixel,
            fmt::format("{}: ZeroPadding2D interior {} copied", lo.names[i], shape_extents(g.tensor(x).shape, "x")));
    g.producer(out) = no_index;
    lo.bind(i, out);
}

// Cropping2D: a view of its input, read in place.
void lower_cropping(Lowering& lo, std::size_t i) {
    StepGraph& g = lo.graph;
    const LayerSpec& l = lo.model.layers[i];
    Tensor view = g.tensor(lo.input_of(i));
    view.shape = l.output_shape;
    view.offset += std::size_t(l.margins.top) * view.row + std::size_t(l.margins.left) * view.pixel;
    lo.bind(i, g.add_tensor(view));
}

// DepthToSpace, SpaceToDepth and the edge paddings: a Remap step reading
// its input with its channels adjacent; a DepthToSpace that a Conv2D alone
// reads, read through by it instead.
void lower_remap(Lowering& lo, std::size_t i) {
    StepGraph& g = lo.graph;
    const LayerSpec& l = lo.model.layers[i];
    // A DepthToSpace that a Conv2D alone reads: the convolution reads through it.
    if (const auto j = lo.sole_reader(i); l.kind == LayerKind::depth_to_space && j &&
                                          lo.model.layers[*j].kind == LayerKind::conv2d && !lo.starts_collapse(*j)) {
        lo.rebind(i, lo.input_of(i));  // the tensor before the shuffle stands for it
        lo.done[*j] = true;
        lower_convolution(lo, *j, std::nullopt, std::nullopt, i);
        return;
    }
    const std::size_t x = g.channels_adjacent(lo.input_of(i), lo.names[i]);
    const Shape in = g.tensor(x).shape, out = l.output_shape;
    const std::size_t y = g.whole(g.new_storage(out));
    g.push(make_step(Remap{l.kind, l.block_size, l.margins}, in, out, out.channels(), 0),
           fmt::format("{}: {} {} -> {}", lo.names[i], keras_class_name(l.kind), shape_extents(in, "x"),
                       shape_extents(out, "x")),
           false, x, y);
    lo.bind(i, y);
}

}  // namespace ganforge::codegen
