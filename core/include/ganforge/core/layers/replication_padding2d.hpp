// ReplicationPadding2D: the image's edge pixels repeated outwards (ONNX's
// Pad in mode edge, PyTorch's ReplicationPad2d). padding in ZeroPadding2D's
// forms, default 1.
#pragma once

#include <span>

#include <ganforge/core/edge_padding.hpp>

namespace ganforge {

struct ReplicationPadding2D {
    Margins padding{1};

    static constexpr LayerKind kind = LayerKind::replication_padding2d;
    static constexpr EdgeMode mode = EdgeMode::replicate;
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
