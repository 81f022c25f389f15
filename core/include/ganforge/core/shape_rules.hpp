// The vocabulary of Keras' shape rules: the faults a model can have (as data,
// so that the DSL turns the first into one static_assert and the importer
// into one error message), what one layer's rule gives (a shape or a fault),
// and the formulas several layers and the code generator share.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
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
    output_padding_not_valid,  // values: output_padding rows, cols (with padding 'same')
    output_padding_too_large,  // values: output_padding rows, cols, strides rows, cols
};

struct ChainError {
    ChainFault fault = ChainFault::none;
    std::size_t layer = 0;  // 1-based position after the inputs, as Keras' model.layers
    LayerKind kind = LayerKind::dense;
    std::array<long long, 4> values{};

    constexpr explicit operator bool() const { return fault != ChainFault::none; }
};

// What one layer's shape rule gives for the tensors it reads: its output
// shape, or the first fault with its values.
struct ShapeOutcome {
    Shape shape{};
    ChainFault fault = ChainFault::none;
    std::array<long long, 4> values{};

    constexpr ShapeOutcome(Shape s) : shape(s) {}
    constexpr ShapeOutcome(ChainFault f, std::array<long long, 4> v) : fault(f), values(v) {}
};

namespace shape_rules {

constexpr long long conv_output(long long in, int k, int s, Padding p) {
    if (p == Padding::same) return (in + s - 1) / s;
    return (in - k) / s + 1;
}

// Keras' deconv_output_length; `output_padding` < 0 is Keras' None.
constexpr long long conv_transpose_output(long long in, int k, int s, Padding p, int output_padding = -1) {
    if (output_padding >= 0) return (in - 1) * s + k + output_padding;
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

// A merge's output: its inputs must agree on every axis but `axis` (-1:
// every axis, as Add and Multiply need), along which they are joined.
constexpr ShapeOutcome merged(std::span<const Shape> in, long long axis) {
    using L = long long;
    Shape out = in[0];
    for (std::size_t j = 1; j < in.size(); ++j) {
        if (in[j].rank() != in[0].rank())
            return {ChainFault::merge_shapes_differ, {L(j), -1, L(in[j].rank()), L(in[0].rank())}};
        for (std::size_t a = 0; a < in[0].rank(); ++a)
            if (L(a) != axis && in[j][a] != in[0][a])
                return {ChainFault::merge_shapes_differ, {L(j), L(a), L(in[j][a]), L(in[0][a])}};
        if (axis >= 0) out.extents[std::size_t(axis)] += in[j][std::size_t(axis)];
    }
    return out;
}

// Conv2D's and Conv2DTranspose's fields as plain data (their DSL types
// declare the same fields, as Keras' two classes do).
constexpr LayerSpec convolution_spec(LayerKind kind, int filters, Size2 kernel_size, Size2 strides, Padding padding,
                                     Activation activation, bool use_bias) {
    LayerSpec s{.kind = kind, .units = filters, .kernel_size = kernel_size, .strides = strides, .padding = padding};
    s.activation = activation;
    s.use_bias = use_bias;
    return s;
}

// Conv2D's and Conv2DTranspose's checks on their own fields: the first
// fault, or none.
constexpr std::optional<ShapeOutcome> convolution_fault(const LayerSpec& l) {
    if (l.units <= 0) return ShapeOutcome(ChainFault::units_not_positive, {l.units});
    if (!l.kernel_size.positive())
        return ShapeOutcome(ChainFault::kernel_not_positive, {l.kernel_size.rows, l.kernel_size.cols});
    if (!l.strides.positive())
        return ShapeOutcome(ChainFault::strides_not_positive, {l.strides.rows, l.strides.cols});
    return std::nullopt;
}

}  // namespace shape_rules
}  // namespace ganforge
