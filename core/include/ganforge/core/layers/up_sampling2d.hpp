// Keras' UpSampling2D: repeats rows and columns (nearest) or interpolates with
// half-pixel centres (bilinear, as tf.image.resize in Keras-Python).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct UpSampling2D {
    Size2 size{2, 2};
    Interpolation interpolation = Interpolation::nearest;

    static constexpr LayerKind kind = LayerKind::up_sampling2d;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = true;
    static constexpr bool affine = true;
    static constexpr bool keeps_value_range = true;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.size = size;
        s.interpolation = interpolation;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        if (!l.size.positive()) return fault("size must be positive, got ", l.size);
        return Shape{in[0][0] * std::size_t(l.size.rows), in[0][1] * std::size_t(l.size.cols), in[0][2]};
    }
};

}  // namespace ganforge
