// Keras' Conv2DTranspose (channels last, no output_padding, no dilation).
// Output size and the 'same' crop follow Keras' deconv_output_length.
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Conv2DTranspose {
    int filters = 0;
    Size2 kernel_size{};
    Size2 strides{1, 1};
    Padding padding = Padding::valid;
    Activation activation = Activation::linear;
    bool use_bias = true;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::conv2d_transpose, .units = filters,
                    .kernel_size = kernel_size, .strides = strides, .padding = padding};
        s.activation = activation;
        s.use_bias = use_bias;
        return s;
    }
};

}  // namespace ganforge
