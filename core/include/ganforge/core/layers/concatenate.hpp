// Keras' Concatenate: its inputs joined along `axis` (Keras' numbering, the
// batch axis 0; -1, the default, is the channels), in the order it reads them.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Concatenate {
    int axis = -1;

    static constexpr LayerKind kind = LayerKind::concatenate;
    static constexpr bool several_inputs = true;
    static constexpr bool reads_image = false;
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = false;  // its inputs may each have their own
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.axis = axis;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        const long long axis = shape_rules::concat_axis(l.axis, in[0].rank());
        if (axis < 0)
            return fault("axis ", l.axis, " is outside its inputs' ", in[0].rank() + 1, " axes (the batch axis is 0)");
        return shape_rules::merged(in, axis, fault(" on an axis other than the one joined (axis ", l.axis, ")"));
    }
};

}  // namespace ganforge
