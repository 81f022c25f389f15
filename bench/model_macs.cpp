#include "bench/model_macs.hpp"

#include <ganforge/core/shape_rules.hpp>

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
    if (l.kind != LayerKind::conv2d_transpose || taps == TransposedTaps::all) return ganforge::layer_macs(l);
    const auto crop = [&](int k, int s) { return long(shape_rules::conv_transpose_crop_before(k, s, l.padding)); };
    return taps_inside(long(l.input_shape.height()), l.kernel_size.rows, l.strides.rows,
                       crop(l.kernel_size.rows, l.strides.rows), long(l.output_shape.height())) *
           taps_inside(long(l.input_shape.width()), l.kernel_size.cols, l.strides.cols,
                       crop(l.kernel_size.cols, l.strides.cols), long(l.output_shape.width())) *
           l.input_shape.channels() * std::uint64_t(l.units);
}

std::uint64_t model_macs(const ModelSpec& model, TransposedTaps taps) {
    std::uint64_t n = 0;
    for (const LayerSpec& l : model.layers) n += layer_macs(l, taps);
    return n;
}

}  // namespace ganforge::bench
