// Turning a WeightStore into the layouts generated kernels read, once, when
// a generated network is built: BatchNormalization folded into the linear
// layer before it, a run of affine layers collapsed into one matrix,
// transposed-convolution phases and fused-upsampling taps gathered (and
// summed) per phase, filters blocked for the SIMD width.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include <ganforge/runtime/weight_store.hpp>

namespace ganforge::codegen::support {

// A linear layer's weights in one form: kernel [kh][kw][cin][cout] (Dense is
// 1x1, Conv2DTranspose's [kh][kw][cout][cin] is transposed) and bias [cout]
// (zeros when the layer has none).
struct LinearWeights {
    int kh = 1, kw = 1;
    std::size_t cin = 0, cout = 0;
    std::vector<float> kernel;
    std::vector<float> bias;

    float at(int ky, int kx, std::size_t c, std::size_t f) const {
        return kernel[((std::size_t(ky) * std::size_t(kw) + std::size_t(kx)) * cin + c) * cout + f];
    }
};

// Layer `layer` (Dense, Conv2D or Conv2DTranspose).
LinearWeights layer_weights(const WeightStore& weights, std::size_t layer);

// Layers first..last, all affine (the last one's activation ignored), as one
// matrix [in][out] and bias: the chain run on the unit vectors with biases
// and BatchNormalization and Rescaling shifts zeroed, and on zero with them.
LinearWeights affine_chain_weights(const WeightStore& weights, std::size_t first,
                                   std::size_t last);

// Folds the BatchNormalization and Rescaling layers `folded`, which follow
// the linear weights `w` with nothing nonlinear between, into them: output
// channel f scaled by the layer's scale of channel f % C, the bias scaled
// and shifted.
void fold_channel_affines(LinearWeights& w, const WeightStore& weights,
                          std::span<const std::size_t> folded);

// One axis of a phase's taps, encoded as the generator prints it: for each
// tap, the number of kernel rows (or columns) summed into it, then those.
using AxisTaps = std::span<const int>;

// The phase's taps (row taps x column taps, row-major) as
// [filter block][tap][cin][block_width], filters zero-padded to whole blocks.
void pack_wide(const LinearWeights& w, AxisTaps rows, AxisTaps cols, std::size_t block_width,
               float* dst);

// The phase's taps as [tap][cout][cin_padded], input channels zero-padded.
void pack_narrow(const LinearWeights& w, AxisTaps rows, AxisTaps cols, std::size_t cin_padded,
                 float* dst);

// The bias, cout floats.
void pack_bias(const LinearWeights& w, float* dst);

// BatchNormalization or Rescaling `layer` as y = x * scale + shift for
// `channels` channels; channel f uses the layer's channel f % C.
void pack_scale_shift(const WeightStore& weights, std::size_t layer, std::size_t channels,
                      float* scale, float* shift);

// PReLU `layer`'s slopes for `channels` channels: channel f takes the slope
// of the layer's input value at flat index f % its size (one per channel,
// or one per value where they vary over the image).
void pack_slopes(const WeightStore& weights, std::size_t layer, std::size_t channels, float* slopes);

// GroupNormalization `layer`'s gamma and beta, one per channel (1 and 0
// where the layer has none).
void pack_gamma_beta(const WeightStore& weights, std::size_t layer, float* gamma, float* beta);

// Embedding `layer`'s table, [input_dim][output_dim] as stored.
void pack_embedding(const WeightStore& weights, std::size_t layer, float* dst);

}  // namespace ganforge::codegen::support
