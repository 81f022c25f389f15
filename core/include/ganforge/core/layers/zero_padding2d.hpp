// Keras' ZeroPadding2D: zero rows and columns around an image. padding: `1`,
// `{rows, cols}` or `{{top, bottom}, {left, right}}`; Keras' default is 1.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct ZeroPadding2D {
    Margins padding{1};

    static constexpr LayerKind kind = LayerKind::zero_padding2d;
    static constexpr bool reads_image = true;

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
