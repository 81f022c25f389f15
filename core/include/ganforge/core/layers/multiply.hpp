// Keras' Multiply: the product of its inputs, element by element (equal
// shapes, no broadcasting).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Multiply {
    static constexpr LayerKind kind = LayerKind::multiply;
    static constexpr bool several_inputs = true;
    static constexpr bool reads_image = false;
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const { return LayerSpec{.kind = kind}; }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) {
        return shape_rules::elementwise_merged(in, kind);
    }
};

}  // namespace ganforge
