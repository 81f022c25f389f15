// The layers with weights: Dense, a run of affine layers collapsed into one
// matrix, Conv2D and Conv2DTranspose as phases of taps (with a nearest
// UpSampling2D or a ZeroPadding2D folded in), and Embedding's table.
#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

#include "codegen/lowering.hpp"
#include "codegen/phases.hpp"

namespace ganforge::codegen {
namespace {

// The activation a linear layer applies, as its step's first epilogue op.
void add_activation(StepGraph& g, const LayerSpec& l, std::size_t i) {
    const std::size_t last = g.step_count() - 1;
    if (l.activation != Activation::linear) {
        g.step(last).epilogue.push_back(activation_op(l.activation, i));
        g.close(last);
    }
}

// Pixels a multiple of 2 KiB apart fall into one or two of the 64 sets
// of 64 bytes an x86 L1 data cache has (32 KiB 8-way, 48 KiB 12-way): a
// register tile reading eight or more of them each step evicts its own
// lines, which made such a step much slower. A
// convolution reads such an input with one cache line more between its
// pixels: its storage re-strided when the convolution alone reads it and
// nothing fixed its layout, else a copy.
constexpr std::size_t aliasing_pixel = 512, pixel_pad = 16;  // floats

// Storage s may take other strides: an arena block by itself, written by
// steps that write through strides, its tensors all of it.
bool restridable(const Lowered& l, std::size_t s) {
    const Storage& st = l.storages[s];
    if (st.where != BufferRef::Where::arena || st.parent != no_index || st.pinned || !st.strided_writers)
        return false;
    for (const Storage& child : l.storages)
        if (child.parent == s) return false;
    for (const Tensor& y : l.tensors)
        if (y.storage == s && (y.offset != 0 || y.shape != st.shape || y.channel != 1)) return false;
    return true;
}

std::size_t unaliased(Lowering& lo, std::size_t t, std::size_t layer) {
    StepGraph& g = lo.graph;
    const Tensor x = g.tensor(t);  // a copy: add_tensor below may move the tensors
    const Extents3 e = extents3(x.shape);
    if (x.shape.rank() != 3 || x.channel != 1 || x.pixel % aliasing_pixel != 0 || (e.rows * e.cols == 1 && !lo.any_size))
        return t;
    const Shape padded{e.rows, e.cols, x.pixel + pixel_pad};
    const std::size_t s = x.storage;
    if (g.readers(t) == 1 && restridable(g.lowered(), s)) {
        g.storage(s).shape = padded;
        g.set_strides(s, e.cols * padded[2], padded[2], 1);
        return t;
    }
    if (const auto done = lo.unaliased_copies.find(t); done != lo.unaliased_copies.end()) return done->second;
    const std::size_t storage = g.new_storage(padded);
    const std::size_t copy = g.add_tensor({x.shape, storage, 0, e.cols * padded[2], padded[2]});
    g.push_copy(t, copy, fmt::format("{}: its input {} copied with a cache line between pixels", lo.names[layer],
                                     shape_extents(x.shape, "x")));
    lo.unaliased_copies[t] = copy;
    return copy;
}

}  // namespace

void lower_affine_chain(Lowering& lo, const LayerRange& r) {
    const ModelSpec& m = lo.model;
    StepGraph& g = lo.graph;
    for (std::size_t k = r.first; k <= r.last; ++k) lo.done[k] = true;
    const Shape in = m.layers[r.first].input_shape, out = m.layers[r.last].output_shape;
    DenseGemm d{1, in.size(), out.size(), {}};
    d.source.kind = LinearSource::Kind::affine_chain;
    d.source.first = r.first;
    d.source.last = r.last;
    d.source.has_bias = true;
    const std::size_t x = g.dense(lo.input_of(r.first), lo.names[r.first]), y = g.whole(g.new_storage(out));
    const std::string what =
        r.first == r.last ? fmt::format("{}: {}", lo.names[r.first], keras_class_name(m.layers[r.first].kind))
                          : fmt::format("{}..{}: {} affine layers", lo.names[r.first], lo.names[r.last],
                                        r.last - r.first + 1);
    g.push(make_step(d, in, out, out.size(), in.size() * out.size()),
           fmt::format("{} {} -> {} as one {}x{} matrix", what, shape_extents(in, "x"), shape_extents(out, "x"),
                       in.size(), out.size()),
           true, x, y);
    const LayerSpec& last = m.layers[r.last];
    if (is_linear_layer(last)) add_activation(g, last, r.last);
    lo.bind(r.last, y);
}

void lower_dense(Lowering& lo, std::size_t i) {
    StepGraph& g = lo.graph;
    const LayerSpec& l = lo.model.layers[i];
    const std::size_t k = l.input_shape.channels(), n = std::size_t(l.units);
    DenseGemm d{l.input_shape.size() / k, k, n, {}};
    d.source.layer = i;
    d.source.has_bias = l.use_bias;
    const std::size_t x = g.dense(lo.input_of(i), lo.names[i]), y = g.whole(g.new_storage(l.output_shape));
    g.push(make_step(d, l.input_shape, l.output_shape, n, l.input_shape.size() * n),
           fmt::format("{}: Dense {} -> {}", lo.names[i], shape_extents(l.input_shape, "x"),
                       shape_extents(l.output_shape, "x")),
           true, x, y);
    add_activation(g, l, i);
    lo.bind(i, y);
}

void lower_convolution(Lowering& lo, std::size_t i, std::optional<std::size_t> up, std::optional<std::size_t> pad,
                       std::optional<std::size_t> shuffle) {
    const ModelSpec& m = lo.model;
    StepGraph& g = lo.graph;
    const std::vector<std::string>& names = lo.names;
    const LayerSpec& l = m.layers[i];
    const std::size_t x = shuffle ? g.channels_adjacent(lo.input_of(i), names[i]) : unaliased(lo, lo.input_of(i), i);
    // Through a DepthToSpace, the step reads the tensor before it: its rows
    // and columns, the convolution's channels (a block's).
    const Shape stored = g.tensor(x).shape;
    const Shape in = shuffle ? Shape{stored[0], stored[1], l.input_shape.channels()} : stored;
    const int block = shuffle ? m.layers[*shuffle].block_size : 1;
    const Size2 u = up ? m.layers[*up].size : Size2{block, block};
    const Margins z = pad ? m.layers[*pad].margins : Margins{};
    TapConvolution c;
    c.kind = l.kind;
    c.upsample_rows = up ? u.rows : 1;
    c.upsample_cols = up ? u.cols : 1;
    c.shuffle = shuffle ? block : 0;
    const int h = int(in[0]), w = int(in[1]), oh = int(l.output_shape[0]), ow = int(l.output_shape[1]);
    if (l.kind == LayerKind::conv2d) {
        c.row_phases = conv_axis(h, u.rows, l.kernel_size.rows, l.strides.rows, l.padding, oh, z.top, z.bottom,
                                 bool(shuffle));
        c.col_phases = conv_axis(w, u.cols, l.kernel_size.cols, l.strides.cols, l.padding, ow, z.left, z.right,
                                 bool(shuffle));
    } else {
        c.row_phases = conv_transpose_axis(h, l.kernel_size.rows, l.strides.rows, l.padding, oh);
        c.col_phases = conv_transpose_axis(w, l.kernel_size.cols, l.strides.cols, l.padding, ow);
    }
    c.source.layer = i;
    c.source.has_bias = l.use_bias;
    const std::size_t phases = c.row_phases.size() * c.col_phases.size();
    const std::size_t macs = tap_convolution_macs(c, in.channels(), std::size_t(l.units));
    std::string head =
        up    ? fmt::format("{} + {}: UpSampling2D {}x{} + Conv2D {} -> {} ({} phases, pre-summed taps)",
                            names[*up], names[i], u.rows, u.cols, shape_extents(in, "x"),
                            shape_extents(l.output_shape, "x"), phases)
        : pad ? fmt::format("{} + {}: ZeroPadding2D + Conv2D {} -> {} (the zeros never multiplied)", names[*pad],
                            names[i], shape_extents(in, "x"), shape_extents(l.output_shape, "x"))
        : shuffle ? fmt::format("{} + {}: DepthToSpace {} + Conv2D {} -> {} ({} phases, read through the shuffle)",
                                names[*shuffle], names[i], block, shape_extents(stored, "x"),
                                shape_extents(l.output_shape, "x"), phases)
              : fmt::format("{}: {} {} -> {}{}", names[i], keras_class_name(l.kind),
                            shape_extents(in, "x"), shape_extents(l.output_shape, "x"),
                            phases > 1 ? fmt::format(" ({} phases)", phases) : "");
    const std::size_t y = g.whole(g.new_storage(l.output_shape));
    g.push(make_step(std::move(c), in, l.output_shape, std::size_t(l.units), macs), std::move(head), true, x, y);
    add_activation(g, l, i);
    lo.bind(i, y);
}

void lower_embedding(Lowering& lo, std::size_t i) {
    StepGraph& g = lo.graph;
    const LayerSpec& l = lo.model.layers[i];
    const std::size_t x = g.dense(lo.input_of(i), lo.names[i]), y = g.whole(g.new_storage(l.output_shape));
    const Gather gather{i, lo.names[i], l.input_shape.size(), std::size_t(l.units), l.input_dim};
    g.push(make_step(gather, l.input_shape, l.output_shape, std::size_t(l.units), 0),
           fmt::format("{}: Embedding {} labels -> {}", lo.names[i], gather.labels, shape_extents(l.output_shape, "x")),
           false, x, y);
    lo.bind(i, y);
}

}  // namespace ganforge::codegen
