#include <ganforge/codegen/support/weight_packing.hpp>

#include <algorithm>

#include <ganforge/core/error.hpp>
#include "runtime/channel_affine.hpp"
#include <ganforge/runtime/interpreter.hpp>

namespace ganforge::codegen::support {
namespace {

// Decodes one tap of an AxisTaps list starting at `pos`; returns its sources.
std::span<const int> axis_tap(AxisTaps taps, std::size_t& pos) {
    const auto n = std::size_t(taps[pos]);
    const std::span<const int> sources = taps.subspan(pos + 1, n);
    pos += n + 1;
    return sources;
}

std::vector<std::span<const int>> decode(AxisTaps taps) {
    std::vector<std::span<const int>> out;
    for (std::size_t pos = 0; pos < taps.size();) out.push_back(axis_tap(taps, pos));
    return out;
}

// The summed kernel of tap (rows, cols) for input channel c, output channel f.
float tap_weight(const LinearWeights& w, std::span<const int> rows, std::span<const int> cols,
                 std::size_t c, std::size_t f) {
    double sum = 0.0;
    for (int ky : rows)
        for (int kx : cols) sum += double(w.at(ky, kx, c, f));
    return float(sum);
}

}  // namespace

LinearWeights layer_weights(const WeightStore& weights, std::size_t layer) {
    const LayerSpec& l = weights.model().layers[layer];
    LinearWeights w;
    w.cin = l.input_shape.channels();
    w.cout = std::size_t(l.units);
    const auto kernel = weights.find(layer, WeightRole::kernel);
    const auto bias = weights.find(layer, WeightRole::bias);
    if (l.kind != LayerKind::dense) {
        w.kh = l.kernel_size.rows;
        w.kw = l.kernel_size.cols;
    }
    w.kernel.assign(kernel.begin(), kernel.end());
    if (l.kind == LayerKind::conv2d_transpose) {  // [kh][kw][cout][cin] -> [kh][kw][cin][cout]
        for (std::size_t t = 0; t < std::size_t(w.kh * w.kw); ++t)
            for (std::size_t f = 0; f < w.cout; ++f)
                for (std::size_t c = 0; c < w.cin; ++c)
                    w.kernel[(t * w.cin + c) * w.cout + f] = kernel[(t * w.cout + f) * w.cin + c];
    }
    w.bias.assign(w.cout, 0.0f);
    if (!bias.empty()) std::copy(bias.begin(), bias.end(), w.bias.begin());
    return w;
}

void fold_channel_affines(LinearWeights& w, const WeightStore& weights,
                          std::span<const std::size_t> folded) {
    for (std::size_t layer : folded) {
        const ScaleShift s = channel_affine(weights, layer);
        const std::size_t c = s.scale.size();
        for (std::size_t i = 0; i < w.kernel.size(); ++i) w.kernel[i] *= s.scale[(i % w.cout) % c];
        for (std::size_t f = 0; f < w.cout; ++f)
            w.bias[f] = w.bias[f] * s.scale[f % c] + s.shift[f % c];
    }
}

LinearWeights affine_chain_weights(const WeightStore& weights, std::size_t first,
                                   std::size_t last) {
    const ModelSpec& model = weights.model();
    std::vector<LayerSpec> layers(model.layers.begin() + std::ptrdiff_t(first),
                                  model.layers.begin() + std::ptrdiff_t(last) + 1);
    layers.back().activation = Activation::linear;  // the caller applies it
    for (LayerSpec& l : layers) l.inbound_count = 0;  // a chain of its own from here
    const ModelSpec chain = make_model_spec(layers.front().input_shape, layers);
    // The linear part: every shift zeroed, Rescaling's offset (a field, not a weight) too.
    std::vector<LayerSpec> linear_layers = layers;
    for (LayerSpec& l : linear_layers) l.offset = 0.0f;
    WeightStore full(chain), linear(make_model_spec(layers.front().input_shape, linear_layers));
    for (const WeightEntry& e : full.entries()) {
        const auto src = weights.find(first + e.layer, e.tensor.role);
        std::copy(src.begin(), src.end(), full.tensor(e).begin());
        const bool shift = e.tensor.role == WeightRole::bias || e.tensor.role == WeightRole::beta ||
                           e.tensor.role == WeightRole::moving_mean;
        if (!shift) std::copy(src.begin(), src.end(), linear.tensor(e).begin());
    }
    const std::size_t in = chain.input_shape().size(), out = chain.output_shape().size();
    LinearWeights w;
    w.cin = in;
    w.cout = out;
    w.kernel.resize(in * out);
    w.bias.resize(out);
    // Row k of the kernel is the chain's linear part applied to unit vector k;
    // a few rows at a time keeps the unit vectors small.
    const InterpreterCore linear_part(std::move(linear));
    constexpr std::size_t rows = 64;
    std::vector<float> unit(rows * in);
    for (std::size_t k0 = 0; k0 < in; k0 += rows) {
        const std::size_t n = std::min(rows, in - k0);
        std::fill(unit.begin(), unit.end(), 0.0f);
        for (std::size_t k = 0; k < n; ++k) unit[k * in + k0 + k] = 1.0f;
        linear_part.predict(std::span<const float>(unit).first(n * in),
                            std::span<float>(w.kernel).subspan(k0 * out, n * out), n);
    }
    InterpreterCore(std::move(full)).predict(std::vector<float>(in, 0.0f), w.bias, 1);
    return w;
}

void pack_wide(const LinearWeights& w, AxisTaps rows, AxisTaps cols, std::size_t block_width,
               float* dst) {
    const auto row_taps = decode(rows), col_taps = decode(cols);
    const std::size_t blocks = (w.cout + block_width - 1) / block_width;
    for (std::size_t b = 0; b < blocks; ++b)
        for (const auto& r : row_taps)
            for (const auto& k : col_taps)
                for (std::size_t c = 0; c < w.cin; ++c) {
                    for (std::size_t j = 0; j < block_width; ++j) {
                        const std::size_t f = b * block_width + j;
                        dst[j] = f < w.cout ? tap_weight(w, r, k, c, f) : 0.0f;
                    }
                    dst += block_width;
                }
}

void pack_narrow(const LinearWeights& w, AxisTaps rows, AxisTaps cols, std::size_t cin_padded,
                 float* dst) {
    const auto row_taps = decode(rows), col_taps = decode(cols);
    for (const auto& r : row_taps)
        for (const auto& k : col_taps)
            for (std::size_t f = 0; f < w.cout; ++f) {
                for (std::size_t c = 0; c < cin_padded; ++c)
                    dst[c] = c < w.cin ? tap_weight(w, r, k, c, f) : 0.0f;
                dst += cin_padded;
            }
}

void pack_bias(const LinearWeights& w, float* dst) { std::copy(w.bias.begin(), w.bias.end(), dst); }

void pack_scale_shift(const WeightStore& weights, std::size_t layer, std::size_t channels,
                      float* scale, float* shift) {
    const ScaleShift s = channel_affine(weights, layer);
    for (std::size_t f = 0; f < channels; ++f) {
        scale[f] = s.scale[f % s.scale.size()];
        shift[f] = s.shift[f % s.shift.size()];
    }
}

void pack_slopes(const WeightStore& weights, std::size_t layer, std::size_t channels, float* slopes) {
    const LayerSpec& l = weights.model().layers[layer];
    const auto alpha = weights.find(layer, WeightRole::alpha);
    for (std::size_t f = 0; f < channels; ++f) slopes[f] = alpha[PReLU::alpha_index(l, f % l.input_shape.size())];
}

void pack_gamma_beta(const WeightStore& weights, std::size_t layer, float* gamma, float* beta) {
    const std::size_t c = weights.model().layers[layer].input_shape.channels();
    const auto g = weights.find(layer, WeightRole::gamma), b = weights.find(layer, WeightRole::beta);
    for (std::size_t f = 0; f < c; ++f) {
        gamma[f] = g.empty() ? 1.0f : g[f];
        beta[f] = b.empty() ? 0.0f : b[f];
    }
}

void pack_embedding(const WeightStore& weights, std::size_t layer, float* dst) {
    const auto table = weights.find(layer, WeightRole::embeddings);
    std::copy(table.begin(), table.end(), dst);
}

}  // namespace ganforge::codegen::support
