// SpaceToDepth: TensorFlow's space_to_depth on channels-last images (ONNX's
// SpaceToDepth), the inverse of DepthToSpace:
// out[h][w][(i*S + j)*C + c] = in[h*S + i][w*S + j][c], C the input
// channels. PyTorch's pixel_unshuffle orders the channels c*S*S + i*S + j
// instead; its reader reorders the consuming channels.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct SpaceToDepth {
    int block_size = 2;

    static constexpr LayerKind kind = LayerKind::space_to_depth;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = true;
    // A permutation: the code generator reads it through, no matrix.
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = true;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.block_size = block_size;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        if (l.block_size < 2) return fault("block_size must be at least 2, got ", l.block_size);
        const auto s = std::size_t(l.block_size);
        if (in[0][0] % s != 0 || in[0][1] % s != 0)
            return fault("its input's height and width (", in[0][0], ", ", in[0][1],
                         ") are not multiples of block_size (", s, ")");
        return Shape{in[0][0] / s, in[0][1] / s, in[0][2] * s * s};
    }
};

}  // namespace ganforge
