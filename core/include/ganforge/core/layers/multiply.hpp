// Keras' Multiply: the product of its inputs, element by element (equal
// shapes, no broadcasting).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Multiply {
    static constexpr LayerKind kind = LayerKind::multiply;
    static constexpr bool several_inputs = true;

    constexpr LayerSpec spec() const { return LayerSpec{.kind = kind}; }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) {
        return shape_rules::merged(in, -1, fault("; Multiply needs equal shapes (it does not broadcast)"));
    }
};

}  // namespace ganforge
