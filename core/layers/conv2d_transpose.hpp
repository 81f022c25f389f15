// Keras' Conv2DTranspose (channels last, no output_padding, no dilation).
// Output size and the 'same' crop follow Keras' deconv_output_length.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Conv2DTranspose {
    int filters = 0;
    Size2 kernel_size{};
    Size2 strides{1, 1};
    Padding padding = Padding::valid;
    Activation activation = Activation::linear;
    bool use_bias = true;

    static constexpr LayerKind kind = LayerKind::conv2d_transpose;
    static constexpr bool reads_image = true;

    constexpr LayerSpec spec() const {
        return shape_rules::convolution_spec(kind, filters, kernel_size, strides, padding, activation, use_bias);
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        using namespace shape_rules;
        if (const auto fault = convolution_fault(l)) return *fault;
        const long long h = (long long)in[0][0], w = (long long)in[0][1];
        return Shape{std::size_t(conv_transpose_output(h, l.kernel_size.rows, l.strides.rows, l.padding)),
                     std::size_t(conv_transpose_output(w, l.kernel_size.cols, l.strides.cols, l.padding)),
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
