// SpaceToDepth: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <algorithm>

#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<SpaceToDepth>::from_config(const KerasConfigFields& f, const Shape&) {
    return SpaceToDepth{.block_size = f.integer_or("block_size", SpaceToDepth{}.block_size, 2, 64)}.spec();
}

void LayerRuntime<SpaceToDepth>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.block_size != SpaceToDepth{}.block_size) fields.push_back(".block_size = " + std::to_string(l.block_size));
}

// Each output pixel's channels gather its S x S block's pixels, row by row.
void LayerRuntime<SpaceToDepth>::run(const LayerRun& r, float* out) {
    const auto [H, W, C, OH, OW] = r.image();
    const long S = r.l.block_size, Cout = C * S * S;
    for (long y = 0; y < OH; ++y)
        for (long x = 0; x < OW; ++x)
            for (long i = 0; i < S; ++i)
                for (long j = 0; j < S; ++j)
                    std::copy_n(r.in() + ((y * S + i) * W + x * S + j) * C, C,
                                out + (y * OW + x) * Cout + (i * S + j) * C);
}

}  // namespace ganforge
