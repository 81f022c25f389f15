// Keras' Flatten: an image becomes a vector, row-major (h, w, c).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Flatten {
    static constexpr LayerKind kind = LayerKind::flatten;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = true;
    static constexpr bool keeps_value_range = true;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const { return LayerSpec{.kind = kind}; }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) {
        return Shape{in[0].size()};
    }
};

}  // namespace ganforge
