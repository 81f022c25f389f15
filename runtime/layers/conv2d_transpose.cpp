// Conv2DTranspose: the config reader, the DSL fields and the interpreter
// kernel.
#include "runtime/layer_runtime.hpp"

#include <fmt/format.h>

#include "runtime/activation.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/layers/convolution_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<Conv2DTranspose>::from_config(const KerasConfigFields& f, const Shape&) {
    LayerSpec s = convolution_from_config(f, LayerKind::conv2d_transpose);
    if (const nlohmann::json* p = f.find("output_padding")) {
        // Keras' backends place it differently with 'same'; with 'valid' they agree.
        if (s.padding != Padding::valid)
            f.fail(fmt::format("output_padding {} with padding 'same' is not supported (only with 'valid')",
                               brief_json(*p)));
        s.output_padding.given = true;
        s.output_padding.extents = f.size2_or("output_padding", Size2{0}, 0, import_limits::max_window);
    }
    return s;
}

void LayerRuntime<Conv2DTranspose>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    convolution_dsl_fields(l, fields);
}

// Scatter form: input pixel (iy, ix) adds kernel tap (ky, kx) at output
// (iy * s + ky - crop); Keras' 'same' crops floor(P / 2) at the start,
// P = max(k - s, 0). Positions no tap reaches (kernel < stride, or an
// output_padding) keep the bias.
void LayerRuntime<Conv2DTranspose>::run(const LayerRun& r, float* out) {
    const LayerSpec& l = r.l;
    const auto [H, W, C, OH, OW] = r.image();
    const long F = l.units, KH = l.kernel_size.rows, KW = l.kernel_size.cols;
    const long SH = l.strides.rows, SW = l.strides.cols;
    const long crop_top = long(shape_rules::conv_transpose_crop_before(int(KH), int(SH), l.padding));
    const long crop_left = long(shape_rules::conv_transpose_crop_before(int(KW), int(SW), l.padding));
    const float* kernel = r.weight(WeightRole::kernel).data();  // [kh, kw, out, in]
    const auto bias = r.weight(WeightRole::bias);
    for (long p = 0; p < OH * OW; ++p)
        for (long f = 0; f < F; ++f) out[p * F + f] = bias.empty() ? 0.0f : bias[f];
    for (long iy = 0; iy < H; ++iy)
        for (long ix = 0; ix < W; ++ix) {
            const float* x = r.in() + (iy * W + ix) * C;
            for (long ky = 0; ky < KH; ++ky) {
                const long oy = iy * SH + ky - crop_top;
                if (oy < 0 || oy >= OH) continue;
                for (long kx = 0; kx < KW; ++kx) {
                    const long ox = ix * SW + kx - crop_left;
                    if (ox < 0 || ox >= OW) continue;
                    float* y = out + (oy * OW + ox) * F;
                    const float* k = kernel + (ky * KW + kx) * F * C;
                    for (long f = 0; f < F; ++f) {
                        float acc = 0.0f;
                        for (long c = 0; c < C; ++c) acc += x[c] * k[f * C + c];
                        y[f] += acc;
                    }
                }
            }
        }
    if (l.activation != Activation::linear)
        for (long i = 0; i < OH * OW * F; ++i) out[i] = activate(l.activation, out[i]);
}

}  // namespace ganforge
