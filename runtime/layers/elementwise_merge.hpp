// Add's and Multiply's kernel: the inputs combined element by element, in
// list order (the order Keras folds them in).
#pragma once

#include <algorithm>

#include "runtime/layer_runtime.hpp"

namespace ganforge {

template <typename Op>
void merge_elementwise(const LayerRun& r, float* out, Op op) {
    const std::size_t n = r.l.output_shape.size();
    std::copy_n(r.inputs[0], n, out);
    for (std::size_t j = 1; j < r.inputs.size(); ++j)
        for (std::size_t i = 0; i < n; ++i) out[i] = op(out[i], r.inputs[j][i]);
}

}  // namespace ganforge
