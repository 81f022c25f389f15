// ZeroPadding2D's and Cropping2D's kernel: each output row is a run of the
// input row, shifted by (dy, dx); what no input reaches is zero.
#pragma once

#include <algorithm>

#include "runtime/layer_runtime.hpp"

namespace ganforge {

inline void shifted_image(const LayerRun& r, float* out, long dy, long dx) {
    const auto [H, W, C, OH, OW] = r.image();
    std::fill_n(out, OH * OW * C, 0.0f);
    for (long oy = 0; oy < OH; ++oy) {
        const long iy = oy - dy;
        if (iy < 0 || iy >= H) continue;
        const long ox0 = std::max(dx, 0L), ox1 = std::min(OW, W + dx);
        std::copy_n(r.in() + (iy * W + ox0 - dx) * C, (ox1 - ox0) * C, out + (oy * OW + ox0) * C);
    }
}

}  // namespace ganforge
