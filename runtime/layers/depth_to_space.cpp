// DepthToSpace: the config reader (a custom class mapped to it reads
// block_size), the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <algorithm>

#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<DepthToSpace>::from_config(const KerasConfigFields& f, const Shape&) {
    return DepthToSpace{.block_size = f.integer_or("block_size", DepthToSpace{}.block_size, 2, 64)}.spec();
}

void LayerRuntime<DepthToSpace>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.block_size != DepthToSpace{}.block_size) fields.push_back(".block_size = " + std::to_string(l.block_size));
}

// Each input pixel's channels hold S*S runs of C, one per output pixel of its
// block, row by row.
void LayerRuntime<DepthToSpace>::run(const LayerRun& r, float* out) {
    const auto [H, W, Cin, OH, OW] = r.image();
    const long S = r.l.block_size, C = Cin / (S * S);
    for (long y = 0; y < H; ++y)
        for (long x = 0; x < W; ++x)
            for (long i = 0; i < S; ++i)
                for (long j = 0; j < S; ++j)
                    std::copy_n(r.in() + (y * W + x) * Cin + (i * S + j) * C, C,
                                out + ((y * S + i) * OW + x * S + j) * C);
}

}  // namespace ganforge
