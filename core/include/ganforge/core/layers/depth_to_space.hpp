// DepthToSpace: TensorFlow's depth_to_space on channels-last images (DCR
// order), what a PixelShuffle layer of a super-resolution model computes:
// out[h*S + i][w*S + j][c] = in[h][w][(i*S + j)*C + c], C the output
// channels. ONNX's CRD mode (PyTorch's PixelShuffle) is read as this one
// with the producing channels reordered.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct DepthToSpace {
    int block_size = 2;

    static constexpr LayerKind kind = LayerKind::depth_to_space;
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
        if (in[0][2] % (s * s) != 0)
            return fault("its input's ", in[0][2], " channels are not a multiple of block_size squared (", s * s, ")");
        return Shape{in[0][0] * s, in[0][1] * s, in[0][2] / (s * s)};
    }
};

}  // namespace ganforge
