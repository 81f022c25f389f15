// Keras' Dropout: the identity at inference; kept so that the model, its
// summary and its layer names stay Keras'.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Dropout {
    float rate = 0.0f;

    static constexpr LayerKind kind = LayerKind::dropout;

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
