// Convolution-like layers as phases of taps, one axis at a time. A 2-D
// step's phases are row phases x column phases.
//
// Conv2D (stride s, after a nearest upsampling by u, u = 1 when none): with
// g = gcd(u, s), output index o = r + i * (u / g) reads upsampled index
// o * s + k - pad_before, i.e. input index i * (s / g) + floor((r * s + k -
// pad_before) / u): per phase r < u / g, kernel taps k with the same input
// offset are summed (pre-summed taps), and a tap is inside the image exactly
// when its input index is. A DepthToSpace of block u read through is the
// same walk, each tap reading block (r * s + k - pad_before) mod u of its
// input pixel's channels, none summed. A ZeroPadding2D folded in adds its rows to
// pad_before: its zeros are taps outside the image.
//
// Conv2DTranspose (stride s, 'same' crop c = floor(max(k - s, 0) / 2)):
// output o = r + i * s receives kernel tap k from input (o + c - k) / s when
// that divides: per phase r < s the taps k = r + c (mod s) at input offset
// (r + c - k) / s. A phase no tap reaches (kernel < stride) keeps the bias.
#pragma once

#include <vector>

#include "codegen/plan.hpp"

namespace ganforge::codegen {

// One axis of Conv2D over an input of extent `in`, nearest-upsampled by `up`,
// or zero-padded by a ZeroPadding2D before it (`before`, `after`; up = 1);
// with `shuffle`, `up` is a DepthToSpace's block size instead: the taps of one
// input offset read different blocks' channels and stay apart.
std::vector<AxisPhase> conv_axis(int in, int up, int kernel, int stride, Padding padding, int out, int before = 0,
                                 int after = 0, bool shuffle = false);

// One axis of Conv2DTranspose over an input of extent `in`.
std::vector<AxisPhase> conv_transpose_axis(int in, int kernel, int stride, Padding padding, int out);

// Splits the phase's outputs into groups that the same taps reach.
void group_axis(AxisPhase& phase, int in);

// Multiply-adds per image of a TapConvolution, zeros never counted.
std::size_t tap_convolution_macs(const TapConvolution& conv, std::size_t cin, std::size_t cout);

// The kernel floats a linear step multiplies with, each once per pass over a
// chunk (a phase's taps, pre-summed or not, each count; bias aside): what it
// streams from memory when they do not stay in cache. 0 for other steps.
std::size_t step_weight_floats(const Step& step);

}  // namespace ganforge::codegen
