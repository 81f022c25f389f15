// ZeroPadding2D's and Cropping2D's kernel: each output row is a run of the
// input row, shifted by (dy, dx); what no input reaches is zero.
#pragma once

#include <algorithm>

#include <ganforge/runtime/layer_runtime.hpp>

namespace ganforge {

inline void shifted_image(const LayerRun& r, float* out, long dy, long dx) {
    const LayerSpec& l = r.l;
    const long H = long(l.input_shape[0]), W = long(l.input_shape[1]), C = long(l.input_shape[2]);
    const long OH = long(l.output_shape[0]), OW = long(l.output_shape[1]);
    std::fill_n(out, OH * OW * C, 0.0f);
    for (long oy = 0; oy < OH; ++oy) {
        const long iy = oy - dy;
        if (iy < 0 || iy >= H) continue;
        const long ox0 = std::max(dx, 0L), ox1 = std::min(OW, W + dx);
        std::copy_n(r.in() + (iy * W + ox0 - dx) * C, (ox1 - ox0) * C, out + (oy * OW + ox0) * C);
    }
}

}  // namespace ganforge
