#include "readers/onnx_convolution.hpp"

#include <algorithm>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {
namespace {

// The two sides of a Margins along rows (axis 0) or columns (axis 1).
void set_sides(Margins& m, int axis, long long before, long long after) {
    (axis == 0 ? m.top : m.left) = int(before);
    (axis == 0 ? m.bottom : m.right) = int(after);
}

}  // namespace

KerasConvolution keras_conv(const std::array<OnnxAxis, 2>& axes) {
    KerasConvolution k;
    bool same = true, unpadded = true;
    for (const OnnxAxis& a : axes) {
        const long long out = (a.in + a.pad_begin + a.pad_end - a.kernel) / a.stride + 1;
        const long long same_out = shape_rules::conv_output(a.in, a.kernel, a.stride, Padding::same);
        same = same && out == same_out &&
               a.pad_begin == shape_rules::conv_padding_before(a.in, same_out, a.kernel, a.stride, Padding::same);
        unpadded = unpadded && a.pad_begin == 0 && a.pad_end == 0;
    }
    if (unpadded) return k;
    if (same) {
        k.padding = Padding::same;
        return k;
    }
    for (int i = 0; i < 2; ++i) set_sides(k.zero_padding, i, axes[std::size_t(i)].pad_begin, axes[std::size_t(i)].pad_end);
    return k;
}

long long onnx_conv_transpose_output(const OnnxAxis& a) {
    return (a.in - 1) * a.stride + a.kernel + a.output_padding - a.pad_begin - a.pad_end;
}

KerasConvolution keras_conv_transpose(const std::array<OnnxAxis, 2>& axes) {
    using shape_rules::conv_transpose_output;
    KerasConvolution k;
    // 'same': the full output from floor(max(k - s, 0) / 2), in * s long.
    if (std::all_of(axes.begin(), axes.end(), [&](const OnnxAxis& a) {
            return a.pad_begin == shape_rules::conv_transpose_crop_before(a.kernel, a.stride, Padding::same) &&
                   onnx_conv_transpose_output(a) == conv_transpose_output(a.in, a.kernel, a.stride, Padding::same);
        })) {
        k.padding = Padding::same;
        return k;
    }
    // 'valid' without output_padding: the full output, then bias-only
    // positions up to (in - 1) * s + max(k, s); with it, (in - 1) * s + k +
    // output_padding. Either way a crop takes PyTorch's window.
    const bool fits = std::all_of(axes.begin(), axes.end(), [&](const OnnxAxis& a) {
        return a.pad_begin + onnx_conv_transpose_output(a) <=
               conv_transpose_output(a.in, a.kernel, a.stride, Padding::valid);
    });
    for (int i = 0; i < 2; ++i) {
        const OnnxAxis& a = axes[std::size_t(i)];
        const long long out = onnx_conv_transpose_output(a);
        const long long full = conv_transpose_output(a.in, a.kernel, a.stride, Padding::valid, 0);
        const long long extra = fits ? conv_transpose_output(a.in, a.kernel, a.stride, Padding::valid) - full
                                     : std::max(a.pad_begin + out - full, 0LL);
        if (!fits) (i == 0 ? k.output_padding.extents.rows : k.output_padding.extents.cols) = int(extra);
        set_sides(k.cropping, i, a.pad_begin, full + extra - a.pad_begin - out);
    }
    k.output_padding.given = !fits;
    return k;
}

}  // namespace ganforge
