// Keras' Rescaling: x * scale + offset on every value (offset defaults to 0).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Rescaling {
    float scale = 1.0f;
    float offset = 0.0f;

    static constexpr LayerKind kind = LayerKind::rescaling;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = true;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = true;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.multiplier = scale;
        s.offset = offset;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) { return in[0]; }
};

}  // namespace ganforge
