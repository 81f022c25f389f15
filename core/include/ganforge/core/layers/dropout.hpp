// Keras' Dropout: the identity at inference; kept so that the model, its
// summary and its layer names stay Keras'.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Dropout {
    float rate = 0.0f;

    static constexpr LayerKind kind = LayerKind::dropout;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = true;
    static constexpr bool keeps_value_range = true;
    static constexpr bool pointwise = true;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.rate = rate;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        if (!(l.rate >= 0.0f && l.rate <= 1.0f))  // Keras accepts [0, 1]
            return fault("rate must be in [0, 1], got ", Millionths{(long long)(l.rate * 1e6f)});
        return in[0];
    }
};

}  // namespace ganforge
