// Keras' Reshape: same values, new shape (the element counts must agree).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Reshape {
    Shape target_shape;

    static constexpr LayerKind kind = LayerKind::reshape;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = true;
    static constexpr bool keeps_value_range = true;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.target_shape = target_shape;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        const Shape& t = l.target_shape;
        if (t.has_zero_extent()) return fault("every extent of target_shape must be positive");
        if (t.size() != in[0].size())
            return fault("target_shape holds ", t.size(), " values, its input ", in[0].size());
        return t;
    }
};

}  // namespace ganforge
