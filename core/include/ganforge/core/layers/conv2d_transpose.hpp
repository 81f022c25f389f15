// Keras' Conv2DTranspose (channels last, no dilation). Output size and the
// 'same' crop follow Keras' deconv_output_length; output_padding goes with
// 'valid' only (with 'same', Keras' backends disagree on where it goes).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Conv2DTranspose {
    int filters = 0;
    Size2 kernel_size{};
    Size2 strides{1, 1};
    Padding padding = Padding::valid;
    OutputPadding output_padding{};
    Activation activation = Activation::linear;
    bool use_bias = true;

    static constexpr LayerKind kind = LayerKind::conv2d_transpose;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = true;
    static constexpr auto affine = activation_is_linear;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = true;
    static constexpr bool linear_layer = true;

    constexpr LayerSpec spec() const {
        LayerSpec s = shape_rules::convolution_spec(kind, filters, kernel_size, strides, padding, activation, use_bias);
        s.output_padding = output_padding;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        using namespace shape_rules;
        if (const auto problem = convolution_fault(l)) return *problem;
        const OutputPadding op = l.output_padding;
        if (op.given && l.padding != Padding::valid)
            return fault("output_padding ", op.extents, " needs padding 'valid'");
        if (op.given && (op.extents.rows < 0 || op.extents.cols < 0 || op.extents.rows >= l.strides.rows ||
                         op.extents.cols >= l.strides.cols))
            return fault("output_padding ", op.extents, " must be at least 0 and less than strides ", l.strides);
        const long long h = (long long)in[0][0], w = (long long)in[0][1];
        const int op_rows = op.given ? op.extents.rows : -1, op_cols = op.given ? op.extents.cols : -1;
        return Shape{std::size_t(conv_transpose_output(h, l.kernel_size.rows, l.strides.rows, l.padding, op_rows)),
                     std::size_t(conv_transpose_output(w, l.kernel_size.cols, l.strides.cols, l.padding, op_cols)),
                     std::size_t(l.units)};
    }

    // Multiply-adds per image, every input pixel times every tap (those
    // 'same' crops away included; never the zeros a stride inserts):
    // H x W x KH x KW x Cin x F.
    static constexpr std::size_t macs(const LayerSpec& l) {
        return l.input_shape.size() * std::size_t(l.kernel_size.rows) * std::size_t(l.kernel_size.cols) *
               std::size_t(l.units);
    }

    // kernel [kh, kw, out, in], bias [out].
    static constexpr void weights(const LayerSpec& l, LayerTensors& t) {
        t.add(WeightRole::kernel,
              {std::size_t(l.kernel_size.rows), std::size_t(l.kernel_size.cols), std::size_t(l.units),
               l.input_shape.channels()},
              4);
        if (l.use_bias) t.add(WeightRole::bias, {std::size_t(l.units)}, 1);
    }
};

}  // namespace ganforge
