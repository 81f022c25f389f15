// Where bilinear UpSampling2D reads, along one axis: each output index's two
// source indices and the weight of the second. The interpreter and the
// generated code take these same numbers, so they agree to the bit.
#pragma once

#include <vector>

#include <ganforge/core/layer_options.hpp>

namespace ganforge {

struct BilinearTap {
    long lo = 0, hi = 0;  // source indices, clamped to the image
    float frac = 0.0f;    // the weight of `hi`
};

// Interpolation::bilinear: half-pixel centres, src = (dst + 0.5) * in / out
// - 0.5 (Keras-Python's tf.image.resize, ONNX's half_pixel).
// Interpolation::bilinear_align_corners: src = dst * (in - 1) / (out - 1).
std::vector<BilinearTap> bilinear_taps(long in, long out, Interpolation mode);

}  // namespace ganforge
