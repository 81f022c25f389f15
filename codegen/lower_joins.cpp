// Layers that join their inputs: Concatenate, each operand in its slice of
// the joined tensor; Add and Multiply, in the place of one operand.
#include <algorithm>

#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>
#include <ganforge/core/shape_inference.hpp>

#include "codegen/lowering.hpp"

namespace ganforge::codegen {

// Each operand goes to its slice of the joined tensor: written there by
// its producer when it can, else copied.
void lower_concatenate(Lowering& lo, std::size_t i) {
    StepGraph& g = lo.graph;
    const LayerSpec& l = lo.model.layers[i];
    const std::size_t joined = g.new_storage(l.output_shape);
    const std::size_t rank = l.output_shape.rank();
    const auto axis = std::size_t(shape_rules::concat_axis(l.axis, rank));
    const Extents3 e = extents3(l.output_shape);
    const std::size_t strides[3] = {e.cols * e.channels, e.channels, 1};
    const std::size_t stride = strides[axis + 3 - rank];
    std::size_t at = 0;
    for (std::size_t j = 0; j < l.inbound_count; ++j) {
        const std::size_t t = lo.input_of(i, j);
        g.place(t, joined, at * stride,
                fmt::format("{}: Concatenate, input {} {} copied into its slice", lo.names[i], j,
                            shape_extents(g.tensor(t).shape, "x")));
        at += g.tensor(t).shape[axis];
    }
    lo.bind(i, g.whole(joined));
}

// Add, Multiply: an operand nothing else reads becomes the result in
// place (the one written first), else the first is copied; each further
// operand merges in: an Add's operand from a linear step with nothing
// applied after it by starting that step's accumulators from the result
// (no pass of its own), any other by a merge step.
void lower_merge(Lowering& lo, std::size_t i, bool multiply) {
    StepGraph& g = lo.graph;
    const LayerSpec& l = lo.model.layers[i];
    std::size_t base = no_index;
    for (std::size_t j = 0; j < l.inbound_count; ++j) {
        const std::size_t t = lo.input_of(i, j), p = g.sole_producer(t);
        if (p != no_index && g.dense_whole(t) && g.storage_of(t).where == BufferRef::Where::arena &&
            (base == no_index || p < g.producer(lo.input_of(i, base))))
            base = j;
    }
    std::size_t result = base == no_index ? no_index : lo.input_of(i, base);
    if (base == no_index) {
        base = 0;
        result = g.whole(g.new_storage(l.output_shape));
        g.push_copy(lo.input_of(i, 0), result,
                    fmt::format("{}: {}, input 0 {} copied", lo.names[i], keras_class_name(l.kind),
                                shape_extents(l.output_shape, "x")));
    }
    const std::size_t ready = g.producer(result);  // the step after which the result holds the base
    std::size_t last = ready;
    const Extents3 e = extents3(l.output_shape);
    for (std::size_t j = 0; j < l.inbound_count; ++j) {
        if (j == base) continue;
        const std::size_t t = lo.input_of(i, j), p = g.sole_producer(t);
        LinearSource* lin = p != no_index ? linear_source(g.step(p)) : nullptr;
        if (!multiply && lin && g.open(p) && g.step(p).epilogue.empty() && p > ready && g.dense_whole(t) &&
            !lin->adds_to_output) {
            lin->adds_to_output = true;
            lin->added_by = i;
            g.close(p);
            g.write_into(p, result);
            last = std::max(last, p);
            continue;
        }
        g.push(make_step(Merge{multiply}, l.output_shape, l.output_shape, e.channels, 0),
               fmt::format("{}: {} input {} {}", lo.names[i], keras_class_name(l.kind), j,
                           shape_extents(l.output_shape, "x")),
               false, t, result);
        last = g.step_count() - 1;
    }
    g.producer(result) = last;
    g.readers(result) = 0;
    lo.bind(i, result);
}

}  // namespace ganforge::codegen
