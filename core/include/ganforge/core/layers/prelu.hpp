// Keras' PReLU: x for x >= 0, alpha * x below, alpha a weight of the input's
// shape in which every axis of `shared_axes` has extent 1 (one slope along
// it): `{1, 2}` gives an image one slope per channel, as PyTorch's PReLU and
// ONNX's PRelu. Keras' initial alpha is zero.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct PReLU {
    AxisSet shared_axes{};

    static constexpr LayerKind kind = LayerKind::prelu;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = true;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.shared_axes = shared_axes;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        if (!l.shared_axes.valid)
            return fault("shared_axes holds axis ", l.shared_axes.first_invalid_axis,
                         ", outside its input's axes 1..", in[0].rank());
        for (int a = int(in[0].rank()) + 1; a <= 3; ++a)
            if (l.shared_axes.has(a)) return fault("shared_axes holds axis ", a, ", outside its input's axes 1..", in[0].rank());
        return in[0];
    }

    // The index into alpha of the input's value at flat index i.
    static constexpr std::size_t alpha_index(const LayerSpec& l, std::size_t i) {
        const Shape& in = l.input_shape;
        std::size_t at = 0, stride = 1;
        for (std::size_t a = in.rank(); a-- > 0;) {
            const std::size_t index = i % in[a];
            i /= in[a];
            if (l.shared_axes.has(int(a) + 1)) continue;
            at += index * stride;
            stride *= in[a];
        }
        return at;
    }

    // One slope per channel: alpha varies along the last axis alone.
    static constexpr bool per_channel(const LayerSpec& l) {
        for (std::size_t a = 0; a + 1 < l.input_shape.rank(); ++a)
            if (!l.shared_axes.has(int(a) + 1) && l.input_shape[a] != 1) return false;
        return true;
    }

    // alpha: the input's shape with every shared axis 1.
    static constexpr void weights(const LayerSpec& l, LayerTensors& t) {
        const Shape& in = l.input_shape;
        std::array<std::size_t, 4> dims{};
        for (std::size_t a = 0; a < in.rank(); ++a) dims[a] = l.shared_axes.has(int(a) + 1) ? 1 : in[a];
        t.add(WeightRole::alpha, dims, in.rank());
    }
};

}  // namespace ganforge
