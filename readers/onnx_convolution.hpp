// PyTorch's (ONNX's) convolution padding in Keras' vocabulary. ONNX pads a
// Conv by explicit amounts on each side and crops a ConvTranspose's full
// output by `pads` (adding `output_padding` at the end); Keras knows 'valid'
// and 'same', a ZeroPadding2D before, a Cropping2D after, and a 'valid'
// transposed convolution's output_padding. 'same' is chosen where it is the
// very same window, so the common spellings stay one layer.
#pragma once

#include <array>

#include <ganforge/core/layer_options.hpp>

namespace ganforge {

// One spatial axis of a convolution: input extent, kernel, stride and ONNX's
// pads before and after (and a ConvTranspose's output_padding).
struct OnnxAxis {
    long long in = 0;
    int kernel = 1, stride = 1;
    int pad_begin = 0, pad_end = 0;
    int output_padding = 0;
};

struct KerasConvolution {
    Padding padding = Padding::valid;
    OutputPadding output_padding{};  // Conv2DTranspose
    Margins zero_padding{};          // a ZeroPadding2D before (Conv2D)
    Margins cropping{};              // a Cropping2D after (Conv2DTranspose)
};

// ConvTranspose's output extent along the axis: (in - 1) * stride + kernel +
// output_padding - pad_begin - pad_end.
long long onnx_conv_transpose_output(const OnnxAxis& a);

// Conv: out = floor((in + pad_begin + pad_end - kernel) / stride) + 1.
KerasConvolution keras_conv(const std::array<OnnxAxis, 2>& axes);
// ConvTranspose: out = (in - 1) * stride + kernel + output_padding -
// pad_begin - pad_end, starting pad_begin into the full output; positions
// past its end hold only the bias.
KerasConvolution keras_conv_transpose(const std::array<OnnxAxis, 2>& axes);

}  // namespace ganforge
