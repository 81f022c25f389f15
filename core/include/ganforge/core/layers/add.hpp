// Keras' Add: the sum of its inputs, element by element (equal shapes, no
// broadcasting).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Add {
    static constexpr LayerKind kind = LayerKind::add;
    static constexpr bool several_inputs = true;

    constexpr LayerSpec spec() const { return LayerSpec{.kind = kind}; }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) {
        return shape_rules::merged(in, -1, fault("; Add needs equal shapes (it does not broadcast)"));
    }
};

}  // namespace ganforge
