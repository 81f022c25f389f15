// UpSampling2D: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <ganforge/core/bilinear_taps.hpp>
#include "runtime/dsl_literals.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/keras_config_fields.hpp"

namespace ganforge {
LayerSpec LayerRuntime<UpSampling2D>::from_config(const KerasConfigFields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::up_sampling2d};
    s.size = f.size2_or("size", Size2{2}, 1, import_limits::max_window);
    const auto i = f.string("interpolation").value_or("nearest");
    if (i == "nearest") s.interpolation = Interpolation::nearest;
    else if (i == "bilinear") s.interpolation = Interpolation::bilinear;
    else f.fail(fmt::format("interpolation '{}' is not supported (nearest or bilinear)", i));
    return s;
}

void LayerRuntime<UpSampling2D>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.size != Size2{2, 2}) fields.push_back(".size = " + size2_literal(l.size));
    if (l.interpolation != Interpolation::nearest)
        fields.push_back(fmt::format(".interpolation = ganforge::Interpolation::{}", keras_name(l.interpolation)));
}

void LayerRuntime<UpSampling2D>::run(const LayerRun& r, float* out) {
    const LayerSpec& l = r.l;
    const float* in = r.in();
    const auto [H, W, C, OH, OW] = r.image();
    if (l.interpolation == Interpolation::nearest) {
        for (long oy = 0; oy < OH; ++oy)
            for (long ox = 0; ox < OW; ++ox)
                std::copy_n(in + ((oy / l.size.rows) * W + ox / l.size.cols) * C, C, out + (oy * OW + ox) * C);
        return;
    }
    const auto ty = bilinear_taps(H, OH, l.interpolation), tx = bilinear_taps(W, OW, l.interpolation);
    for (long oy = 0; oy < OH; ++oy)
        for (long ox = 0; ox < OW; ++ox) {
            const BilinearTap a = ty[std::size_t(oy)], b = tx[std::size_t(ox)];
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

}  // namespace ganforge
