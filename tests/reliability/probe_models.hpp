// Small models that probe one layer or one activation each, for the
// numerical edge cases (NaN, infinities, denormals, huge values, saturated
// activations): small enough to inject a special value at every input
// position, and shaped so that SIMD tails are exercised (extents that are
// not multiples of 4, 8 or 16).
#pragma once

#include <ganforge/ganforge.hpp>

namespace probes {

namespace gf = ganforge;

// One layer each: where a NaN at one input must land is known (reach.hpp).
using Dense = gf::Sequential<gf::Input{{6}}, gf::Dense{.units = 5}>;
using ConvSame = gf::Sequential<gf::Input{{5, 5, 2}},
    gf::Conv2D{.filters = 3, .kernel_size = {3, 3}, .padding = gf::Padding::same}>;
using ConvValidStride2 = gf::Sequential<gf::Input{{7, 6, 2}},
    gf::Conv2D{.filters = 3, .kernel_size = {3, 2}, .strides = {2, 2}}>;
using TconvSameStride2 = gf::Sequential<gf::Input{{3, 4, 2}},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = gf::Padding::same}>;
// Kernel smaller than the stride: some outputs only get the bias.
using TconvGaps = gf::Sequential<gf::Input{{3, 3, 2}},
    gf::Conv2DTranspose{.filters = 2, .kernel_size = {1, 2}, .strides = {2, 3}}>;
using UpsampleNearest = gf::Sequential<gf::Input{{3, 3, 2}}, gf::UpSampling2D{.size = {2, 3}}>;
using UpsampleBilinear = gf::Sequential<gf::Input{{3, 4, 2}},
    gf::UpSampling2D{.interpolation = gf::Interpolation::bilinear}>;
using BatchNorm = gf::Sequential<gf::Input{{3, 3, 3}}, gf::BatchNormalization{}>;
// A small generator: every layer kind in one chain, with fused activations.
using Chain = gf::Sequential<
    gf::Input{{4}},
    gf::Dense{.units = 3 * 3 * 4, .activation = gf::Activation::relu},
    gf::Reshape{{3, 3, 4}},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = gf::Padding::same},
    gf::BatchNormalization{},
    gf::LeakyReLU{.alpha = 0.2f},
    gf::UpSampling2D{},
    gf::Conv2D{.filters = 2, .kernel_size = {3, 3}, .padding = gf::Padding::same,
               .activation = gf::Activation::tanh}>;
// Affine layers only, which a generator may fold into one matrix.
using LinearChain = gf::Sequential<
    gf::Input{{4}},
    gf::Dense{.units = 3 * 3 * 2},
    gf::Reshape{{3, 3, 2}},
    gf::UpSampling2D{},
    gf::Conv2D{.filters = 2, .kernel_size = {3, 3}, .padding = gf::Padding::same}>;

// Activations alone, element by element, on a long vector of probe values
// (4099 = 256 * 16 + 3: full SIMD blocks and a tail).
inline constexpr std::size_t activation_probe_size = 4099;
template <gf::Activation A>
using Activation = gf::Sequential<gf::Input{{activation_probe_size}}, gf::ActivationLayer{.activation = A}>;
using Relu = gf::Sequential<gf::Input{{activation_probe_size}}, gf::ReLU{}>;
using LeakyRelu = gf::Sequential<gf::Input{{activation_probe_size}}, gf::LeakyReLU{.alpha = 0.2f}>;
// alpha 0: x > 0 ? x : 0 * x, so +inf stays +inf (0 * inf is NaN: an
// implementation as max(x, alpha * x) gets this wrong).
using LeakyReluZero = gf::Sequential<gf::Input{{activation_probe_size}}, gf::LeakyReLU{.alpha = 0.0f}>;
// alpha > 1 and < 0 are legal Keras too.
using LeakyReluSteep = gf::Sequential<gf::Input{{activation_probe_size}}, gf::LeakyReLU{.alpha = 1.5f}>;

// Activations fused into a layer's epilogue: a zero kernel and the probe
// values as the bias, so output o is activation(bias[o]).
template <gf::Activation A>
using DenseBias = gf::Sequential<gf::Input{{1}}, gf::Dense{.units = activation_probe_size, .activation = A}>;
using DenseBiasLeakyZero = gf::Sequential<gf::Input{{1}}, gf::Dense{.units = activation_probe_size},
                                          gf::LeakyReLU{.alpha = 0.0f}>;

// Names for the probes that have generated code (CMakeLists.txt), whose
// MODEL argument must be one word.
using Sigmoid = Activation<gf::Activation::sigmoid>;
using Tanh = Activation<gf::Activation::tanh>;
using Elu = Activation<gf::Activation::elu>;
using DenseBiasRelu = DenseBias<gf::Activation::relu>;
using DenseBiasSigmoid = DenseBias<gf::Activation::sigmoid>;
using DenseBiasTanh = DenseBias<gf::Activation::tanh>;
using HardSilu = Activation<gf::Activation::hard_silu>;
using DenseBiasSoftShrink = DenseBias<gf::Activation::soft_shrink>;

}  // namespace probes
