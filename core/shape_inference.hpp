// Keras' shape rules, as one constexpr function that both the DSL (at compile
// time) and the model importer (at run time) use. A chain that does not fit
// is reported as data, the first fault only, so the DSL can turn it into a
// single static_assert and the importer into a single error message.
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
};

struct ChainError {
    ChainFault fault = ChainFault::none;
    std::size_t layer = 0;  // 1-based position after Input, as Keras' model.layers
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

}  // namespace shape_rules

// Fills every layer's input_shape and output_shape; stops at the first fault.
constexpr ChainError infer_shapes(Shape input, std::span<LayerSpec> layers) {
    using L = long long;
    auto fail = [](ChainFault f, std::size_t pos, LayerKind k, std::array<L, 4> v) {
        return ChainError{f, pos, k, v};
    };
    if (input.has_zero_extent())
        return fail(ChainFault::input_zero_extent, 0, LayerKind::dense, {L(input.size())});

    Shape current = input;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        LayerSpec& l = layers[i];
        const std::size_t pos = i + 1;
        l.input_shape = current;
        Shape out = current;
        const bool spatial = l.kind == LayerKind::conv2d ||
                             l.kind == LayerKind::conv2d_transpose ||
                             l.kind == LayerKind::up_sampling2d;
        if (spatial && !current.is_image())
            return fail(ChainFault::needs_image_input, pos, l.kind, {L(current.size())});
        switch (l.kind) {
            case LayerKind::dense:
                if (l.units <= 0)
                    return fail(ChainFault::units_not_positive, pos, l.kind, {l.units});
                // Dense acts on the last axis, as in Keras.
                out = current.is_image()
                          ? Shape{current[0], current[1], std::size_t(l.units)}
                          : Shape{std::size_t(l.units)};
                break;
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
                out = Shape{current[0] * std::size_t(l.size.rows),
                            current[1] * std::size_t(l.size.cols), current[2]};
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
                    out = Shape{
                        std::size_t(shape_rules::conv_output(h, l.kernel_size.rows,
                                                             l.strides.rows, l.padding)),
                        std::size_t(shape_rules::conv_output(w, l.kernel_size.cols,
                                                             l.strides.cols, l.padding)),
                        std::size_t(l.units)};
                } else {
                    out = Shape{std::size_t(shape_rules::conv_transpose_output(
                                    h, l.kernel_size.rows, l.strides.rows, l.padding)),
                                std::size_t(shape_rules::conv_transpose_output(
                                    w, l.kernel_size.cols, l.strides.cols, l.padding)),
                                std::size_t(l.units)};
                }
                break;
            }
            case LayerKind::dropout:
                if (!(l.rate >= 0.0f && l.rate <= 1.0f))  // Keras accepts [0, 1]
                    return fail(ChainFault::rate_out_of_range, pos, l.kind,
                                {L(l.rate * 1e6f)});
                break;
            case LayerKind::leaky_relu:
            case LayerKind::relu:
            case LayerKind::activation:
            case LayerKind::batch_normalization:
                break;
        }
        l.output_shape = out;
        current = out;
    }
    return {};
}

}  // namespace ganforge
