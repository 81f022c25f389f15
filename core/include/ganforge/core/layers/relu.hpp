// Keras' ReLU layer with its defaults (no max_value, slope or threshold).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct ReLU {
    static constexpr LayerKind kind = LayerKind::relu;

    constexpr LayerSpec spec() const { return LayerSpec{.kind = kind}; }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) { return in[0]; }
};

}  // namespace ganforge
