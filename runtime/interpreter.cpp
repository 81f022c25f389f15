#include <ganforge/runtime/interpreter.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_inference.hpp>
#include <ganforge/runtime/activation.hpp>

namespace ganforge {
namespace {

// One image (or vector) of one layer: `in` holds input_shape, `out`
// output_shape, channels last; `inputs` every tensor the layer reads, `in`
// the first.
struct LayerRun {
    const LayerSpec& l;
    const WeightStore& w;
    std::size_t index;
    std::span<const float* const> inputs;

    std::span<const float> weight(WeightRole r) const { return w.find(index, r); }

    void dense(const float* in, float* out) const {
        const std::size_t n_in = l.input_shape.channels(), n_out = std::size_t(l.units);
        const std::size_t rows = l.input_shape.size() / n_in;  // Dense acts on the last axis
        const float* kernel = weight(WeightRole::kernel).data();
        const auto bias = weight(WeightRole::bias);
        for (std::size_t r = 0; r < rows; ++r) {
            float* y = out + r * n_out;
            for (std::size_t o = 0; o < n_out; ++o) y[o] = bias.empty() ? 0.0f : bias[o];
            for (std::size_t i = 0; i < n_in; ++i) {
                const float x = in[r * n_in + i];
                const float* k = kernel + i * n_out;
                for (std::size_t o = 0; o < n_out; ++o) y[o] += x * k[o];
            }
            for (std::size_t o = 0; o < n_out; ++o) y[o] = activate(l.activation, y[o]);
        }
    }

    void conv2d(const float* in, float* out) const {
        const long H = long(l.input_shape[0]), W = long(l.input_shape[1]);
        const long C = long(l.input_shape[2]);
        const long OH = long(l.output_shape[0]), OW = long(l.output_shape[1]);
        const long F = l.units, KH = l.kernel_size.rows, KW = l.kernel_size.cols;
        const long SH = l.strides.rows, SW = l.strides.cols;
        const long pad_top = long(shape_rules::conv_padding_before(H, OH, int(KH), int(SH), l.padding));
        const long pad_left = long(shape_rules::conv_padding_before(W, OW, int(KW), int(SW), l.padding));
        const float* kernel = weight(WeightRole::kernel).data();  // [kh, kw, in, out]
        const auto bias = weight(WeightRole::bias);
        for (long oy = 0; oy < OH; ++oy)
            for (long ox = 0; ox < OW; ++ox) {
                float* y = out + (oy * OW + ox) * F;
                for (long f = 0; f < F; ++f) y[f] = bias.empty() ? 0.0f : bias[f];
                for (long ky = 0; ky < KH; ++ky) {
                    const long iy = oy * SH + ky - pad_top;
                    if (iy < 0 || iy >= H) continue;
                    for (long kx = 0; kx < KW; ++kx) {
                        const long ix = ox * SW + kx - pad_left;
                        if (ix < 0 || ix >= W) continue;
                        const float* x = in + (iy * W + ix) * C;
                        const float* k = kernel + (ky * KW + kx) * C * F;
                        for (long c = 0; c < C; ++c)
                            for (long f = 0; f < F; ++f) y[f] += x[c] * k[c * F + f];
                    }
                }
                for (long f = 0; f < F; ++f) y[f] = activate(l.activation, y[f]);
            }
    }

    // Scatter form of the transposed convolution: input pixel (iy, ix) adds
    // kernel tap (ky, kx) at output (iy * s + ky - crop); Keras' 'same' crops
    // floor(P / 2) at the start, P = max(k - s, 0). Positions no tap reaches
    // (kernel < stride) keep the bias.
    void conv2d_transpose(const float* in, float* out) const {
        const long H = long(l.input_shape[0]), W = long(l.input_shape[1]);
        const long C = long(l.input_shape[2]);
        const long OH = long(l.output_shape[0]), OW = long(l.output_shape[1]);
        const long F = l.units, KH = l.kernel_size.rows, KW = l.kernel_size.cols;
        const long SH = l.strides.rows, SW = l.strides.cols;
        const long crop_top = long(shape_rules::conv_transpose_crop_before(int(KH), int(SH), l.padding));
        const long crop_left = long(shape_rules::conv_transpose_crop_before(int(KW), int(SW), l.padding));
        const float* kernel = weight(WeightRole::kernel).data();  // [kh, kw, out, in]
        const auto bias = weight(WeightRole::bias);
        for (long p = 0; p < OH * OW; ++p)
            for (long f = 0; f < F; ++f) out[p * F + f] = bias.empty() ? 0.0f : bias[f];
        for (long iy = 0; iy < H; ++iy)
            for (long ix = 0; ix < W; ++ix) {
                const float* x = in + (iy * W + ix) * C;
                for (long ky = 0; ky < KH; ++ky) {
                    const long oy = iy * SH + ky - crop_top;
                    if (oy < 0 || oy >= OH) continue;
                    for (long kx = 0; kx < KW; ++kx) {
                        const long ox = ix * SW + kx - crop_left;
                        if (ox < 0 || ox >= OW) continue;
                        float* y = out + (oy * OW + ox) * F;
                        const float* k = kernel + (ky * KW + kx) * F * C;
                        for (long f = 0; f < F; ++f) {
                            float acc = 0.0f;
                            for (long c = 0; c < C; ++c) acc += x[c] * k[f * C + c];
                            y[f] += acc;
                        }
                    }
                }
            }
        if (l.activation != Activation::linear)
            for (long i = 0; i < OH * OW * F; ++i) out[i] = activate(l.activation, out[i]);
    }

    void up_sampling2d(const float* in, float* out) const {
        const long H = long(l.input_shape[0]), W = long(l.input_shape[1]);
        const long C = long(l.input_shape[2]);
        const long OH = long(l.output_shape[0]), OW = long(l.output_shape[1]);
        if (l.interpolation == Interpolation::nearest) {
            for (long oy = 0; oy < OH; ++oy)
                for (long ox = 0; ox < OW; ++ox)
                    std::copy_n(in + ((oy / l.size.rows) * W + ox / l.size.cols) * C, C,
                                out + (oy * OW + ox) * C);
            return;
        }
        // Half-pixel centres, as tf.image.resize (Keras-Python):
        // src = (dst + 0.5) * in / out - 0.5, neighbours clamped to the image.
        struct Tap { long lo, hi; float frac; };
        auto taps = [](long n_in, long n_out) {
            auto t = std::vector<Tap>(std::size_t(n_out));
            const double scale = double(n_in) / double(n_out);
            for (long d = 0; d < n_out; ++d) {
                const double src = (double(d) + 0.5) * scale - 0.5;
                const double fl = std::floor(src);
                t[std::size_t(d)] = {std::max(long(fl), 0L), std::min(long(std::ceil(src)), n_in - 1),
                                     float(src - fl)};
            }
            return t;
        };
        const auto ty = taps(H, OH), tx = taps(W, OW);
        for (long oy = 0; oy < OH; ++oy)
            for (long ox = 0; ox < OW; ++ox) {
                const Tap a = ty[std::size_t(oy)], b = tx[std::size_t(ox)];
                const float* p00 = in + (a.lo * W + b.lo) * C;
                const float* p01 = in + (a.lo * W + b.hi) * C;
                const float* p10 = in + (a.hi * W + b.lo) * C;
                const float* p11 = in + (a.hi * W + b.hi) * C;
                float* y = out + (oy * OW + ox) * C;
                for (long c = 0; c < C; ++c) {
                    const float top = p00[c] + (p01[c] - p00[c]) * b.frac;
                    const float bottom = p10[c] + (p11[c] - p10[c]) * b.frac;
                    y[c] = top + (bottom - top) * a.frac;
                }
            }
    }

    void batch_normalization(const float* in, float* out) const {
        const std::size_t C = l.input_shape.channels(), n = l.input_shape.size();
        const auto gamma = weight(WeightRole::gamma), beta = weight(WeightRole::beta);
        const auto mean = weight(WeightRole::moving_mean);
        const auto var = weight(WeightRole::moving_variance);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t c = i % C;
            const float inv = (gamma.empty() ? 1.0f : gamma[c]) / std::sqrt(var[c] + l.epsilon);
            out[i] = (in[i] - mean[c]) * inv + (beta.empty() ? 0.0f : beta[c]);
        }
    }

    // Keras' Concatenate: along `axis`, the inputs' slices one after another.
    void concatenate(const ModelSpec& m, float* out) const {
        const auto axis = std::size_t(shape_rules::concat_axis(l.axis, l.input_shape.rank()));
        std::size_t outer = 1, inner = 1;
        for (std::size_t a = 0; a < axis; ++a) outer *= l.input_shape[a];
        for (std::size_t a = axis + 1; a < l.input_shape.rank(); ++a) inner *= l.input_shape[a];
        for (std::size_t o = 0; o < outer; ++o)
            for (std::size_t j = 0; j < inputs.size(); ++j) {
                const std::size_t block = m.shape_of(l.inbound[j])[axis] * inner;
                out = std::copy_n(inputs[j] + o * block, block, out);
            }
    }

    // Add and Multiply: element by element, the inputs in list order.
    template <typename Op>
    void merge(float* out, Op op) const {
        const std::size_t n = l.output_shape.size();
        std::copy_n(inputs[0], n, out);
        for (std::size_t j = 1; j < inputs.size(); ++j)
            for (std::size_t i = 0; i < n; ++i) out[i] = op(out[i], inputs[j][i]);
    }

    // A label is a float holding an integer; Keras casts it to int32, which
    // truncates toward zero. One outside the table is an error, not a read.
    void embedding(const float* in, float* out) const {
        const std::size_t n = l.input_shape.size(), width = std::size_t(l.units);
        const float* table = weight(WeightRole::embeddings).data();
        for (std::size_t i = 0; i < n; ++i) {
            const float label = std::trunc(in[i]);
            if (!(label >= 0.0f && label < float(l.input_dim)))
                throw Error(fmt::format("Embedding (layer {}): label {} is outside [0, {})",
                                        index + 1, in[i], l.input_dim));
            std::copy_n(table + std::size_t(label) * width, width, out + i * width);
        }
    }

    // ZeroPadding2D (grow by the margins) and Cropping2D (shrink): each output
    // row is a run of the input row, shifted.
    void pad_or_crop(const float* in, float* out) const {
        const long H = long(l.input_shape[0]), W = long(l.input_shape[1]);
        const long C = long(l.input_shape[2]);
        const long OH = long(l.output_shape[0]), OW = long(l.output_shape[1]);
        const long sign = l.kind == LayerKind::zero_padding2d ? 1 : -1;
        const long dy = sign * l.margins.top, dx = sign * l.margins.left;
        std::fill_n(out, OH * OW * C, 0.0f);
        for (long oy = 0; oy < OH; ++oy) {
            const long iy = oy - dy;
            if (iy < 0 || iy >= H) continue;
            const long ox0 = std::max(dx, 0L), ox1 = std::min(OW, W + dx);
            std::copy_n(in + (iy * W + ox0 - dx) * C, (ox1 - ox0) * C, out + (oy * OW + ox0) * C);
        }
    }

    void run(const ModelSpec& m, float* out) const {
        const float* in = inputs[0];
        const std::size_t n = l.input_shape.size();
        switch (l.kind) {
            case LayerKind::dense: return dense(in, out);
            case LayerKind::conv2d: return conv2d(in, out);
            case LayerKind::conv2d_transpose: return conv2d_transpose(in, out);
            case LayerKind::up_sampling2d: return up_sampling2d(in, out);
            case LayerKind::batch_normalization: return batch_normalization(in, out);
            case LayerKind::leaky_relu:
                for (std::size_t i = 0; i < n; ++i) out[i] = leaky_relu(in[i], l.alpha);
                return;
            case LayerKind::relu:
                for (std::size_t i = 0; i < n; ++i) out[i] = activate(Activation::relu, in[i]);
                return;
            case LayerKind::activation:
                for (std::size_t i = 0; i < n; ++i) out[i] = activate(l.activation, in[i]);
                return;
            case LayerKind::reshape:
            case LayerKind::flatten:
            case LayerKind::dropout:
                std::copy_n(in, n, out);
                return;
            case LayerKind::concatenate: return concatenate(m, out);
            case LayerKind::add: return merge(out, [](float a, float b) { return a + b; });
            case LayerKind::multiply: return merge(out, [](float a, float b) { return a * b; });
            case LayerKind::embedding: return embedding(in, out);
            case LayerKind::zero_padding2d:
            case LayerKind::cropping2d: return pad_or_crop(in, out);
        }
    }
};

// For each tensor (model inputs first, then layers), the last layer that
// reads it: its buffer is freed after that layer has run.
std::vector<std::size_t> last_reads(const ModelSpec& m) {
    const std::size_t n_in = m.input_shapes.size();
    std::vector<std::size_t> last(n_in + m.layers.size(), 0);
    for (std::size_t i = 0; i < m.layers.size(); ++i)
        for (std::size_t j = 0; j < m.layers[i].inbound_count; ++j) {
            const TensorRef r = m.layers[i].inbound[j];
            last[r.model_input ? r.index : n_in + r.index] = i;
        }
    return last;
}

}  // namespace

InterpreterCore::InterpreterCore(WeightStore weights) : weights_(std::move(weights)) {}

void InterpreterCore::predict(std::span<const float> input, std::span<float> output,
                              std::size_t batch) const {
    predict(std::span<const std::span<const float>>(&input, 1), output, batch);
}

void InterpreterCore::predict(std::initializer_list<std::span<const float>> inputs,
                              std::span<float> output, std::size_t batch) const {
    predict(std::span<const std::span<const float>>(inputs.begin(), inputs.size()), output, batch);
}

void InterpreterCore::predict(std::span<const std::span<const float>> inputs,
                              std::span<float> output, std::size_t batch) const {
    const ModelSpec& m = model();
    const std::size_t n_in = m.input_shapes.size(), out_size = m.output_shape().size();
    if (inputs.size() != n_in)
        throw Error(fmt::format("predict: the model has {} input{}, got {}", n_in,
                                n_in == 1 ? "" : "s", inputs.size()));
    for (std::size_t k = 0; k < n_in; ++k) {
        const std::size_t in_size = m.input_shapes[k].size();
        if (inputs[k].size() != batch * in_size)
            throw Error(fmt::format("predict: input {}holds {} floats, batch {} of {} needs {}",
                                    n_in == 1 ? "" : fmt::format("{} ", k + 1), inputs[k].size(),
                                    batch, in_size, batch * in_size));
    }
    if (output.size() != batch * out_size)
        throw Error(fmt::format("predict: output holds {} floats, batch {} of {} needs {}",
                                output.size(), batch, out_size, batch * out_size));
    const std::vector<std::size_t> last = last_reads(m);
    std::vector<std::vector<float>> values(m.layers.size());
    std::vector<const float*> reads;
    for (std::size_t n = 0; n < batch; ++n) {
        auto tensor = [&](TensorRef r) {
            return r.model_input ? inputs[r.index].data() + n * m.input_shapes[r.index].size()
                                 : values[r.index].data();
        };
        const float* result = inputs[0].data() + n * m.input_shapes[0].size();
        for (std::size_t i = 0; i < m.layers.size(); ++i) {
            const LayerSpec& l = m.layers[i];
            reads.assign(l.inbound_count, nullptr);
            for (std::size_t j = 0; j < l.inbound_count; ++j) reads[j] = tensor(l.inbound[j]);
            values[i].resize(l.output_shape.size());
            LayerRun{l, weights_, i, reads}.run(m, values[i].data());
            for (std::size_t j = 0; j < l.inbound_count; ++j)
                if (const TensorRef r = l.inbound[j]; !r.model_input && last[n_in + r.index] == i)
                    values[r.index] = {};
            result = values[i].data();
        }
        std::copy_n(result, out_size, output.data() + n * out_size);
    }
}

}  // namespace ganforge
