// Keras' UpSampling2D: repeats rows and columns (nearest) or interpolates with
// half-pixel centres (bilinear, as tf.image.resize in Keras-Python).
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct UpSampling2D {
    Size2 size{2, 2};
    Interpolation interpolation = Interpolation::nearest;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::up_sampling2d};
        s.size = size;
        s.interpolation = interpolation;
        return s;
    }
};

}  // namespace ganforge
