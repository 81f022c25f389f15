#include <ganforge/bench/model_macs.hpp>

#include <algorithm>

namespace ganforge::bench {
namespace {

// Taps along one axis of a transposed convolution whose output position
// i * stride + k - crop_begin lies in [0, out).
std::uint64_t taps_inside(long in, long kernel, long stride, long crop_begin, long out) {
    std::uint64_t n = 0;
    for (long i = 0; i < in; ++i)
        for (long k = 0; k < kernel; ++k) {
            const long o = i * stride + k - crop_begin;
            n += (o >= 0 && o < out) ? 1 : 0;
        }
    return n;
}

}  // namespace

std::uint64_t layer_macs(const LayerSpec& l, TransposedTaps taps) {
    const std::uint64_t cin = l.input_shape.channels(), f = std::uint64_t(l.units);
    const std::uint64_t kh = std::uint64_t(l.kernel_size.rows), kw = std::uint64_t(l.kernel_size.cols);
    switch (l.kind) {
        case LayerKind::dense:
            return l.input_shape.size() / cin * cin * f;
        case LayerKind::conv2d:
            return l.output_shape.height() * l.output_shape.width() * kh * kw * cin * f;
        case LayerKind::conv2d_transpose: {
            if (taps == TransposedTaps::all)
                return l.input_shape.height() * l.input_shape.width() * kh * kw * cin * f;
            // Keras' 'same' crops floor(P / 2) at the start, P = max(k - s, 0).
            const bool same = l.padding == Padding::same;
            const long crop_top = same ? std::max(l.kernel_size.rows - l.strides.rows, 0) / 2 : 0;
            const long crop_left = same ? std::max(l.kernel_size.cols - l.strides.cols, 0) / 2 : 0;
            return taps_inside(long(l.input_shape.height()), l.kernel_size.rows, l.strides.rows,
                               crop_top, long(l.output_shape.height())) *
                   taps_inside(long(l.input_shape.width()), l.kernel_size.cols, l.strides.cols,
                               crop_left, long(l.output_shape.width())) *
                   cin * f;
        }
        default:
            return 0;
    }
}

std::uint64_t model_macs(const ModelSpec& model, TransposedTaps taps) {
    std::uint64_t n = 0;
    for (const LayerSpec& l : model.layers) n += layer_macs(l, taps);
    return n;
}

}  // namespace ganforge::bench
