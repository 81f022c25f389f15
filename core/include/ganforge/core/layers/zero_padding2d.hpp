// Keras' ZeroPadding2D: zero rows and columns around an image. padding: `1`,
// `{rows, cols}` or `{{top, bottom}, {left, right}}`; Keras' default is 1.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct ZeroPadding2D {
    Margins padding{1};

    static constexpr LayerKind kind = LayerKind::zero_padding2d;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = true;
    // Linear, but no matrix: a Conv2D reading it takes its zeros as taps
    // outside the image.
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = true;  // its zeros lie within tanh's and sigmoid's ranges
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.margins = padding;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        const Margins& m = l.margins;
        if (const auto problem = shape_rules::margins_fault("padding", m)) return *problem;
        return Shape{in[0][0] + std::size_t(m.top + m.bottom), in[0][1] + std::size_t(m.left + m.right), in[0][2]};
    }
};

}  // namespace ganforge
