// Keras' BatchNormalization over the last axis, in inference mode:
// y = gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta.
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct BatchNormalization {
    float epsilon = 1e-3f;
    bool center = true;
    bool scale = true;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::batch_normalization};
        s.epsilon = epsilon;
        s.center = center;
        s.scale = scale;
        return s;
    }
};

}  // namespace ganforge
