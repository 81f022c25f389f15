// The model's edges: its inputs' tensors and the output buffer, in the
// layout the caller holds them. Held channels first (PyTorch's NCHW), the
// steps at the edges read and write them in place where they can, so the
// layout change costs no pass of its own.
#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

#include "codegen/lowering.hpp"

namespace ganforge::codegen {
namespace {

// A model input or output of this shape is held channels first: the
// layout asks for it and it has several channels and several pixels
// (otherwise both orders are the same floats).
bool held_channels_first(const Lowering& lo, const Shape& shape) {
    const Extents3 e = extents3(shape);
    return lo.channels_first && shape.rank() == 3 && e.channels > 1 && e.rows * e.cols > 1;
}

// Storage s may become channel-strided: it is written only whole, by
// steps that write through a channel stride (a convolution that does not
// add to what it holds, a pointwise step, a merge), and read by none.
bool writable_channels_first(const Lowered& l, std::size_t s) {
    for (const Storage& child : l.storages)
        if (child.parent == s) return false;
    for (const Tensor& x : l.tensors)
        if (x.storage == s && (x.offset != 0 || x.shape != l.storages[s].shape)) return false;
    for (std::size_t k = 0; k < l.steps.size(); ++k) {
        if (l.step_in[k] != no_index && l.tensors[l.step_in[k]].storage == s) return false;
        if (l.tensors[l.step_out[k]].storage != s) continue;
        const StepOp& op = l.steps[k].op;
        const auto* conv = std::get_if<TapConvolution>(&op);
        if (!(conv && !conv->source.adds_to_output) && !std::holds_alternative<Pointwise>(op) &&
            !std::holds_alternative<Merge>(op))
            return false;
    }
    return true;
}

void hold_channels_first(StepGraph& g, std::size_t s) {
    g.storage(s).channels_first = true;
    const Extents3 e = extents3(g.storage(s).shape);
    g.set_strides(s, e.cols, 1, e.rows * e.cols);
}

}  // namespace

void lower_inputs(Lowering& lo) {
    const ModelSpec& m = lo.model;
    StepGraph& g = lo.graph;
    std::vector<std::size_t> input_readers(m.input_shapes.size(), 0);
    for (const LayerSpec& l : m.layers)
        for (std::size_t j = 0; j < l.inbound_count; ++j)
            if (l.inbound[j].model_input) ++input_readers[l.inbound[j].index];
    for (std::size_t k = 0; k < m.input_shapes.size(); ++k) {
        const std::size_t s = g.new_storage(m.input_shapes[k]);
        g.storage(s).where = BufferRef::Where::input;
        g.storage(s).input = k;
        g.storage(s).channels_first = held_channels_first(lo, m.input_shapes[k]);
        lo.inputs.push_back(g.whole(s));
        g.readers(lo.inputs.back()) = input_readers[k] + (m.layers.empty() && k == 0 ? 1 : 0);
    }
}

// The last layer's tensor in the output buffer: its storage goes there
// when it is the whole of one (and, held channels first, every step
// writing it can write so), else a copy.
void lower_output(Lowering& lo) {
    const ModelSpec& m = lo.model;
    StepGraph& g = lo.graph;
    const std::size_t t = m.layers.empty() ? lo.inputs.front() : lo.value.back();
    const bool first = held_channels_first(lo, m.output_shape());
    if (g.dense_whole(t) && g.storage_of(t).where == BufferRef::Where::arena &&
        (!first || writable_channels_first(g.lowered(), g.tensor(t).storage))) {
        g.storage_of(t).where = BufferRef::Where::output;
        if (first) hold_channels_first(g, g.tensor(t).storage);
        return;
    }
    const std::size_t storage = g.new_storage(m.output_shape());
    g.storage(storage).where = BufferRef::Where::output;
    g.storage(storage).channels_first = first;
    const std::size_t out = g.whole(storage);
    g.push_copy(t, out,
                g.step_count() == 0 ? "input: copy " + shape_extents(m.input_shape(), "x")
                                    : fmt::format("output: copy {}", shape_extents(m.output_shape(), "x")));
}

}  // namespace ganforge::codegen
