// ReflectionPadding2D's and ReplicationPadding2D's reading, printing and
// kernel, which differ only in the edge rule (core/edge_padding.hpp).
#pragma once

#include <algorithm>

#include <ganforge/core/edge_padding.hpp>
#include "runtime/dsl_literals.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/keras_config_fields.hpp"
#include "runtime/layer_runtime.hpp"

namespace ganforge {

inline Margins edge_padding_from_config(const KerasConfigFields& f, Margins fallback) {
    return f.margins_or("padding", fallback, 0, int(import_limits::max_extent));
}

inline void edge_padding_dsl_fields(const LayerSpec& l, Margins fallback, DslFields& fields) {
    if (l.margins != fallback) fields.push_back(".padding = " + margins_literal(l.margins));
}

inline void edge_padded_image(const LayerRun& r, float* out, EdgeMode mode) {
    const auto [H, W, C, OH, OW] = r.image();
    const Margins& m = r.l.margins;
    for (long oy = 0; oy < OH; ++oy) {
        const long long iy = edge_source(mode, oy - m.top, H);
        for (long ox = 0; ox < OW; ++ox) {
            const long long ix = edge_source(mode, ox - m.left, W);
            std::copy_n(r.in() + (iy * W + ix) * C, C, out + (oy * OW + ox) * C);
        }
    }
}

}  // namespace ganforge
