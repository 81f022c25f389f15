// Keras' Cropping2D: rows and columns removed from an image's edges.
// cropping: `1`, `{rows, cols}` or `{{top, bottom}, {left, right}}`; Keras'
// default is 0.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Cropping2D {
    Margins cropping{0};

    static constexpr LayerKind kind = LayerKind::cropping2d;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = true;
    static constexpr bool affine = false;  // linear, but no matrix: its reader reads the kept part in place
    static constexpr bool keeps_value_range = true;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.margins = cropping;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        const Margins& m = l.margins;
        if (const auto problem = shape_rules::margins_fault("cropping", m)) return *problem;
        const long long rows = m.top + m.bottom, cols = m.left + m.right;
        const long long h = (long long)in[0][0], w = (long long)in[0][1];
        if (rows >= h || cols >= w)
            return fault("cropping ", rows, " rows of ", h, " and ", cols, " columns of ", w, " leaves nothing");
        return Shape{std::size_t(h - rows), std::size_t(w - cols), in[0][2]};
    }
};

}  // namespace ganforge
