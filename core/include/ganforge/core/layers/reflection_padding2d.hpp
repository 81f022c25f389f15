// ReflectionPadding2D: the image mirrored about its edge pixels (the class
// name Keras code defines for it; ONNX's Pad in mode reflect, PyTorch's
// ReflectionPad2d). padding in ZeroPadding2D's forms, default 1; each side
// smaller than its axis.
#pragma once

#include <span>

#include <ganforge/core/edge_padding.hpp>

namespace ganforge {

struct ReflectionPadding2D {
    Margins padding{1};

    static constexpr LayerKind kind = LayerKind::reflection_padding2d;
    static constexpr EdgeMode mode = EdgeMode::reflect;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = true;
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = true;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.margins = padding;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        return shape_rules::edge_padded(mode, l.margins, in[0]);
    }
};

}  // namespace ganforge
