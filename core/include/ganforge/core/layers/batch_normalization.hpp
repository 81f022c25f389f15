// Keras' BatchNormalization over the last axis, in inference mode:
// y = gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct BatchNormalization {
    float epsilon = 1e-3f;
    bool center = true;
    bool scale = true;

    static constexpr LayerKind kind = LayerKind::batch_normalization;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = true;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = true;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.epsilon = epsilon;
        s.center = center;
        s.scale = scale;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) { return in[0]; }

    // gamma (when scale), beta (when center), then the two moving statistics,
    // which are not trainable; each [channels].
    static constexpr void weights(const LayerSpec& l, LayerTensors& t) {
        const std::size_t c = l.input_shape.channels();
        if (l.scale) t.add(WeightRole::gamma, {c}, 1);
        if (l.center) t.add(WeightRole::beta, {c}, 1);
        t.add(WeightRole::moving_mean, {c}, 1, false);
        t.add(WeightRole::moving_variance, {c}, 1, false);
    }
};

}  // namespace ganforge
