// Keras' ReLU layer with its defaults (no max_value, slope or threshold).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct ReLU {
    static constexpr LayerKind kind = LayerKind::relu;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = true;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const { return LayerSpec{.kind = kind}; }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) { return in[0]; }
};

}  // namespace ganforge
