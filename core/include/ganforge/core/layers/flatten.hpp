// Keras' Flatten: an image becomes a vector, row-major (h, w, c).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Flatten {
    static constexpr LayerKind kind = LayerKind::flatten;

    constexpr LayerSpec spec() const { return LayerSpec{.kind = kind}; }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) {
        return Shape{in[0].size()};
    }
};

}  // namespace ganforge
