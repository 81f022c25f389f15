// A BatchNormalization at inference, or a Rescaling, as the affine map it
// is, per channel: y = x * scale + shift (BatchNormalization: scale = gamma /
// sqrt(moving_variance + epsilon), shift = beta - moving_mean * scale). What
// the code generator and the peers fold into the layer before it or apply as
// one multiply-add; the interpreter, the numerical reference, computes
// Keras' expressions as written.
#pragma once

#include <cstddef>
#include <vector>

#include <ganforge/runtime/weight_store.hpp>

namespace ganforge {

struct ScaleShift {
    std::vector<float> scale, shift;  // one per channel
};

// Layer `layer` of `weights.model()`, a BatchNormalization or a Rescaling.
ScaleShift channel_affine(const WeightStore& weights, std::size_t layer);

}  // namespace ganforge
