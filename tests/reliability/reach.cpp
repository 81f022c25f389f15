#include "reach.hpp"

#include <algorithm>

#include <gtest/gtest.h>
#include <cmath>

namespace reliability {
namespace {

using ganforge::LayerKind;
using ganforge::LayerSpec;
using ganforge::Padding;

// Output rows (or columns) one input row reaches, per layer kind.
std::vector<bool> conv_rows(long in, long out, long k, long s, bool same, long i) {
    const long pad = same ? std::max((out - 1) * s + k - in, 0L) / 2 : 0;
    std::vector<bool> r(static_cast<std::size_t>(out));
    for (long o = 0; o < out; ++o) r[std::size_t(o)] = i >= o * s - pad && i < o * s - pad + k;
    return r;
}

std::vector<bool> tconv_rows(long out, long k, long s, bool same, long i) {
    const long crop = same ? std::max(k - s, 0L) / 2 : 0;
    std::vector<bool> r(static_cast<std::size_t>(out));
    for (long t = 0; t < k; ++t)
        if (const long o = i * s + t - crop; o >= 0 && o < out) r[std::size_t(o)] = true;
    return r;
}

std::vector<bool> nearest_rows(long out, long size, long i) {
    std::vector<bool> r(static_cast<std::size_t>(out));
    for (long o = 0; o < out; ++o) r[std::size_t(o)] = o / size == i;
    return r;
}

// tf.image.resize, half-pixel centres: output o reads rows floor(src) and
// ceil(src), clamped, src = (o + 0.5) * in / out - 0.5.
std::vector<bool> bilinear_rows(long in, long out, long i) {
    std::vector<bool> r(static_cast<std::size_t>(out));
    for (long o = 0; o < out; ++o) {
        const double src = (double(o) + 0.5) * double(in) / double(out) - 0.5;
        const long lo = std::max(long(std::floor(src)), 0L), hi = std::min(long(std::ceil(src)), in - 1);
        r[std::size_t(o)] = i == lo || i == hi;
    }
    return r;
}

// The outputs of one layer that the set `in` of its inputs reaches.
std::vector<bool> layer_reach(const LayerSpec& l, const std::vector<bool>& in) {
    const std::size_t n_out = l.output_shape.size();
    std::vector<bool> out(n_out);
    switch (l.kind) {
        case LayerKind::dense: {
            const std::size_t n_in = l.input_shape.channels(), units = std::size_t(l.units);
            for (std::size_t p = 0; p < in.size(); ++p)
                if (in[p]) std::fill_n(out.begin() + std::ptrdiff_t(p / n_in * units), units, true);
            return out;
        }
        case LayerKind::conv2d:
        case LayerKind::conv2d_transpose:
        case LayerKind::up_sampling2d: {
            const long H = long(l.input_shape[0]), W = long(l.input_shape[1]), C = long(l.input_shape[2]);
            const long OH = long(l.output_shape[0]), OW = long(l.output_shape[1]), F = long(l.output_shape[2]);
            const bool same = l.padding == Padding::same;
            for (long p = 0; p < H * W * C; ++p) {
                if (!in[std::size_t(p)]) continue;
                const long iy = p / C / W, ix = p / C % W, c = p % C;
                std::vector<bool> rows, cols;
                if (l.kind == LayerKind::conv2d) {
                    rows = conv_rows(H, OH, l.kernel_size.rows, l.strides.rows, same, iy);
                    cols = conv_rows(W, OW, l.kernel_size.cols, l.strides.cols, same, ix);
                } else if (l.kind == LayerKind::conv2d_transpose) {
                    rows = tconv_rows(OH, l.kernel_size.rows, l.strides.rows, same, iy);
                    cols = tconv_rows(OW, l.kernel_size.cols, l.strides.cols, same, ix);
                } else if (l.interpolation == ganforge::Interpolation::nearest) {
                    rows = nearest_rows(OH, l.size.rows, iy);
                    cols = nearest_rows(OW, l.size.cols, ix);
                } else {
                    rows = bilinear_rows(H, OH, iy);
                    cols = bilinear_rows(W, OW, ix);
                }
                const bool mixes_channels = l.kind != LayerKind::up_sampling2d;
                for (long oy = 0; oy < OH; ++oy)
                    for (long ox = 0; ox < OW; ++ox)
                        if (rows[std::size_t(oy)] && cols[std::size_t(ox)])
                            for (long f = 0; f < F; ++f)
                                if (mixes_channels || f == c) out[std::size_t((oy * OW + ox) * F + f)] = true;
            }
            return out;
        }
        case LayerKind::batch_normalization:
        case LayerKind::rescaling:
        case LayerKind::prelu:
        case LayerKind::leaky_relu:
        case LayerKind::relu:
        case LayerKind::activation:
        case LayerKind::reshape:
        case LayerKind::flatten:
        case LayerKind::dropout:
            return in;  // value by value, in the same order
        case LayerKind::concatenate:
        case LayerKind::add:
        case LayerKind::multiply:
        case LayerKind::embedding:
        case LayerKind::zero_padding2d:
        case LayerKind::cropping2d:
        case LayerKind::reflection_padding2d:
        case LayerKind::replication_padding2d:
        case LayerKind::depth_to_space:
        case LayerKind::space_to_depth:
        case LayerKind::group_normalization:
            break;  // not in the chains these tests follow
    }
    ADD_FAILURE() << "reach: no rule for " << ganforge::keras_class_name(l.kind);
    return out;
}

}  // namespace

std::vector<bool> reach(const ganforge::ModelSpec& model, std::size_t position) {
    std::vector<bool> reached(model.input_shape().size());
    reached.at(position) = true;
    for (const LayerSpec& l : model.layers) reached = layer_reach(l, reached);
    return reached;
}

}  // namespace reliability
