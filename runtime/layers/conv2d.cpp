// Conv2D: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include "runtime/activation.hpp"
#include "runtime/layers/convolution_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<Conv2D>::from_config(const KerasConfigFields& f, const Shape&) {
    return convolution_from_config(f, LayerKind::conv2d);
}

void LayerRuntime<Conv2D>::dsl_fields(const LayerSpec& l, DslFields& fields) { convolution_dsl_fields(l, fields); }

// Gather form: each output pixel sums the taps inside the image ('same'
// padding's zeros are skipped, never multiplied).
void LayerRuntime<Conv2D>::run(const LayerRun& r, float* out) {
    const LayerSpec& l = r.l;
    const auto [H, W, C, OH, OW] = r.image();
    const long F = l.units, KH = l.kernel_size.rows, KW = l.kernel_size.cols;
    const long SH = l.strides.rows, SW = l.strides.cols;
    const long pad_top = long(shape_rules::conv_padding_before(H, OH, int(KH), int(SH), l.padding));
    const long pad_left = long(shape_rules::conv_padding_before(W, OW, int(KW), int(SW), l.padding));
    const float* kernel = r.weight(WeightRole::kernel).data();  // [kh, kw, in, out]
    const auto bias = r.weight(WeightRole::bias);
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
                    const float* x = r.in() + (iy * W + ix) * C;
                    const float* k = kernel + (ky * KW + kx) * C * F;
                    for (long c = 0; c < C; ++c)
                        for (long f = 0; f < F; ++f) y[f] += x[c] * k[c * F + f];
                }
            }
            for (long f = 0; f < F; ++f) y[f] = activate(l.activation, y[f]);
        }
}

}  // namespace ganforge
