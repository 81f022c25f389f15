// Keras' Conv2D (channels last, no dilation, no groups).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Conv2D {
    int filters = 0;
    Size2 kernel_size{};
    Size2 strides{1, 1};
    Padding padding = Padding::valid;
    Activation activation = Activation::linear;
    bool use_bias = true;

    static constexpr LayerKind kind = LayerKind::conv2d;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = true;
    static constexpr auto affine = activation_is_linear;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = true;
    static constexpr bool linear_layer = true;

    constexpr LayerSpec spec() const {
        return shape_rules::convolution_spec(kind, filters, kernel_size, strides, padding, activation, use_bias);
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        using namespace shape_rules;
        if (const auto problem = convolution_fault(l)) return *problem;
        const long long h = (long long)in[0][0], w = (long long)in[0][1];
        const Size2 k = l.kernel_size;
        if (l.padding == Padding::valid && (k.rows > h || k.cols > w))
            return fault("kernel_size ", k, " is larger than its input (", h, ", ", w, ") with padding='valid'");
        return Shape{std::size_t(conv_output(h, k.rows, l.strides.rows, l.padding)),
                     std::size_t(conv_output(w, k.cols, l.strides.cols, l.padding)), std::size_t(l.units)};
    }

    // Multiply-adds per image, every tap counted ('same' padding's too):
    // OH x OW x KH x KW x Cin x F.
    static constexpr std::size_t macs(const LayerSpec& l) {
        return l.output_shape.size() * std::size_t(l.kernel_size.rows) * std::size_t(l.kernel_size.cols) *
               l.input_shape.channels();
    }

    // kernel [kh, kw, in, out], bias [out].
    static constexpr void weights(const LayerSpec& l, LayerTensors& t) {
        t.add(WeightRole::kernel,
              {std::size_t(l.kernel_size.rows), std::size_t(l.kernel_size.cols), l.input_shape.channels(),
               std::size_t(l.units)},
              4);
        if (l.use_bias) t.add(WeightRole::bias, {std::size_t(l.units)}, 1);
    }
};

}  // namespace ganforge
