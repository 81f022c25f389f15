// Keras' shape rules, as one constexpr function that both the DSL (at compile
// time) and the model importer (at run time) use, for a chain and for a
// graph alike. A model that does not fit is reported as data, the first fault
// only, so the DSL can turn it into a single static_assert and the importer
// into a single error message.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

enum class ChainFault {
    none,
    input_zero_extent,         // values: the input's element count
    units_not_positive,        // values: units (Dense) or filters
    kernel_not_positive,       // values: kernel rows, cols
    strides_not_positive,      // values: strides rows, cols
    size_not_positive,         // values: UpSampling2D size rows, cols
    needs_image_input,         // values: the flat input's length
    kernel_larger_than_input,  // values: kernel rows, cols, input height, width
    target_shape_zero_extent,  // values: target extents
    target_shape_count,        // values: target's element count, input's
    rate_out_of_range,         // values: rate * 1e6
    inbound_invalid,           // values: inbound position, index, is a model input, count before
    inbound_count,             // values: the number of tensors read, the number the layer takes
    rank_too_high,             // values: the output's rank
    axis_out_of_range,         // values: axis, rank with the batch axis
    // values: inbound position (0-based), axis (-1: the ranks differ), its
    // extent there, the first input's
    merge_shapes_differ,
    input_dim_not_positive,    // values: input_dim
    margins_negative,          // values: top, bottom, left, right
    cropping_too_large,        // values: rows cropped, height, columns cropped, width
};

struct ChainError {
    ChainFault fault = ChainFault::none;
    std::size_t layer = 0;  // 1-based position after the inputs, as Keras' model.layers
    LayerKind kind = LayerKind::dense;
    std::array<long long, 4> values{};

    constexpr explicit operator bool() const { return fault != ChainFault::none; }
};

namespace shape_rules {

constexpr long long conv_output(long long in, int k, int s, Padding p) {
    if (p == Padding::same) return (in + s - 1) / s;
    return (in - k) / s + 1;
}

constexpr long long conv_transpose_output(long long in, int k, int s, Padding p) {
    if (p == Padding::same) return in * s;
    return in * s + (k > s ? k - s : 0);
}

// The zeros a 'same' convolution adds around one axis, max((out - 1) * s +
// k - in, 0) in all; the smaller half goes before. 'valid' adds none.
constexpr long long conv_padding(long long in, long long out, int k, int s, Padding p) {
    const long long total = (out - 1) * s + k - in;
    return p == Padding::same && total > 0 ? total : 0;
}
constexpr long long conv_padding_before(long long in, long long out, int k, int s, Padding p) {
    return conv_padding(in, out, k, s, p) / 2;
}

// What a 'same' transposed convolution crops before its output on one axis:
// the smaller half of max(k - s, 0); the rest goes after.
constexpr long long conv_transpose_crop_before(int k, int s, Padding p) {
    return p == Padding::same && k > s ? (k - s) / 2 : 0;
}

// Concatenate's axis as an index into a Shape of `rank` (no batch axis), or
// -1 when Keras would refuse it: -1 is the last axis, 0 the batch axis.
constexpr long long concat_axis(int axis, std::size_t rank) {
    const long long a = axis < 0 ? axis + (long long)rank + 1 : axis;
    return a >= 1 && a <= (long long)rank ? a - 1 : -1;
}

}  // namespace shape_rules

// Fills every layer's inbound (when left empty), input_shape and
// output_shape; stops at the first fault. `inputs` are the model's inputs in
// order; a layer reads only model inputs and earlier layers.
constexpr ChainError infer_shapes(std::span<const Shape> inputs, std::span<LayerSpec> layers) {
    using L = long long;
    using Z = std::size_t;
    auto fail = [](ChainFault f, Z pos, LayerKind k, std::array<L, 4> v) {
        return ChainError{f, pos, k, v};
    };
    for (const Shape& in : inputs)
        if (in.has_zero_extent())
            return fail(ChainFault::input_zero_extent, 0, LayerKind::dense, {L(in.size())});

    for (Z i = 0; i < layers.size(); ++i) {
        LayerSpec& l = layers[i];
        const Z pos = i + 1;
        if (l.inbound_count == 0) {
            l.inbound[0] = i == 0 ? TensorRef{true, 0} : TensorRef{false, i - 1};
            l.inbound_count = 1;
        }
        if (l.inbound_count > max_layer_inputs ||
            (!takes_several_inputs(l.kind) && l.inbound_count != 1))
            return fail(ChainFault::inbound_count, pos, l.kind,
                        {L(l.inbound_count), takes_several_inputs(l.kind) ? L(max_layer_inputs) : 1});
        std::array<Shape, max_layer_inputs> in{};
        for (Z j = 0; j < l.inbound_count; ++j) {
            const TensorRef r = l.inbound[j];
            const Z available = r.model_input ? inputs.size() : i;
            if (r.index >= available)
                return fail(ChainFault::inbound_invalid, pos, l.kind,
                            {L(j), L(r.index), L(r.model_input), L(available)});
            in[j] = r.model_input ? inputs[r.index] : layers[r.index].output_shape;
        }
        const Shape current = in[0];
        l.input_shape = current;
        Shape out = current;
        const bool spatial = l.kind == LayerKind::conv2d ||
                             l.kind == LayerKind::conv2d_transpose ||
                             l.kind == LayerKind::up_sampling2d ||
                             l.kind == LayerKind::zero_padding2d ||
                             l.kind == LayerKind::cropping2d;
        if (spatial && !current.is_image())
            return fail(ChainFault::needs_image_input, pos, l.kind, {L(current.size())});
        switch (l.kind) {
            case LayerKind::dense: {
                if (l.units <= 0)
                    return fail(ChainFault::units_not_positive, pos, l.kind, {l.units});
                // Dense acts on the last axis, as in Keras.
                out.extents[out.rank() - 1] = Z(l.units);
                break;
            }
            case LayerKind::reshape:
                if (l.target_shape.has_zero_extent())
                    return fail(ChainFault::target_shape_zero_extent, pos, l.kind,
                                {L(l.target_shape[0]), L(l.target_shape[1]),
                                 L(l.target_shape[2])});
                if (l.target_shape.size() != current.size())
                    return fail(ChainFault::target_shape_count, pos, l.kind,
                                {L(l.target_shape.size()), L(current.size())});
                out = l.target_shape;
                break;
            case LayerKind::flatten:
                out = Shape{current.size()};
                break;
            case LayerKind::up_sampling2d:
                if (!l.size.positive())
                    return fail(ChainFault::size_not_positive, pos, l.kind,
                                {l.size.rows, l.size.cols});
                out = Shape{current[0] * Z(l.size.rows), current[1] * Z(l.size.cols), current[2]};
                break;
            case LayerKind::conv2d:
            case LayerKind::conv2d_transpose: {
                if (l.units <= 0)
                    return fail(ChainFault::units_not_positive, pos, l.kind, {l.units});
                if (!l.kernel_size.positive())
                    return fail(ChainFault::kernel_not_positive, pos, l.kind,
                                {l.kernel_size.rows, l.kernel_size.cols});
                if (!l.strides.positive())
                    return fail(ChainFault::strides_not_positive, pos, l.kind,
                                {l.strides.rows, l.strides.cols});
                const L h = L(current[0]), w = L(current[1]);
                if (l.kind == LayerKind::conv2d) {
                    if (l.padding == Padding::valid &&
                        (l.kernel_size.rows > h || l.kernel_size.cols > w))
                        return fail(ChainFault::kernel_larger_than_input, pos, l.kind,
                                    {l.kernel_size.rows, l.kernel_size.cols, h, w});
                    out = Shape{Z(shape_rules::conv_output(h, l.kernel_size.rows,
                                                           l.strides.rows, l.padding)),
                                Z(shape_rules::conv_output(w, l.kernel_size.cols,
                                                           l.strides.cols, l.padding)),
                                Z(l.units)};
                } else {
                    out = Shape{Z(shape_rules::conv_transpose_output(
                                    h, l.kernel_size.rows, l.strides.rows, l.padding)),
                                Z(shape_rules::conv_transpose_output(
                                    w, l.kernel_size.cols, l.strides.cols, l.padding)),
                                Z(l.units)};
                }
                break;
            }
            case LayerKind::dropout:
                if (!(l.rate >= 0.0f && l.rate <= 1.0f))  // Keras accepts [0, 1]
                    return fail(ChainFault::rate_out_of_range, pos, l.kind,
                                {L(l.rate * 1e6f)});
                break;
            case LayerKind::concatenate:
            case LayerKind::add:
            case LayerKind::multiply: {
                const bool joins = l.kind == LayerKind::concatenate;
                const L axis = joins ? shape_rules::concat_axis(l.axis, current.rank()) : -1;
                if (joins && axis < 0)
                    return fail(ChainFault::axis_out_of_range, pos, l.kind,
                                {l.axis, L(current.rank() + 1)});
                for (Z j = 1; j < l.inbound_count; ++j) {
                    if (in[j].rank() != current.rank())
                        return fail(ChainFault::merge_shapes_differ, pos, l.kind,
                                    {L(j), -1, L(in[j].rank()), L(current.rank())});
                    for (Z a = 0; a < current.rank(); ++a)
                        if (L(a) != axis && in[j][a] != current[a])
                            return fail(ChainFault::merge_shapes_differ, pos, l.kind,
                                        {L(j), L(a), L(in[j][a]), L(current[a])});
                    if (joins) out.extents[Z(axis)] += in[j][Z(axis)];
                }
                break;
            }
            case LayerKind::embedding:
                if (l.input_dim <= 0)
                    return fail(ChainFault::input_dim_not_positive, pos, l.kind, {l.input_dim});
                if (l.units <= 0)
                    return fail(ChainFault::units_not_positive, pos, l.kind, {l.units});
                if (current.rank() >= Shape::max_rank)
                    return fail(ChainFault::rank_too_high, pos, l.kind, {L(current.rank() + 1)});
                out.extents[out.extent_count++] = Z(l.units);
                break;
            case LayerKind::zero_padding2d:
            case LayerKind::cropping2d: {
                const Margins& m = l.margins;
                if (!m.non_negative())
                    return fail(ChainFault::margins_negative, pos, l.kind,
                                {m.top, m.bottom, m.left, m.right});
                const L rows = m.top + m.bottom, cols = m.left + m.right;
                const L h = L(current[0]), w = L(current[1]);
                if (l.kind == LayerKind::zero_padding2d) {
                    out = Shape{Z(h + rows), Z(w + cols), current[2]};
                } else {
                    if (rows >= h || cols >= w)
                        return fail(ChainFault::cropping_too_large, pos, l.kind, {rows, h, cols, w});
                    out = Shape{Z(h - rows), Z(w - cols), current[2]};
                }
                break;
            }
            case LayerKind::leaky_relu:
            case LayerKind::relu:
            case LayerKind::activation:
            case LayerKind::batch_normalization:
                break;
        }
        l.output_shape = out;
    }
    return {};
}

// A chain: one input, every layer reading the one before it.
constexpr ChainError infer_shapes(Shape input, std::span<LayerSpec> layers) {
    return infer_shapes(std::span<const Shape>(&input, 1), layers);
}

}  // namespace ganforge
