// Keras' LeakyReLU: x for x >= 0, alpha * x below (Keras' default alpha 0.3).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct LeakyReLU {
    float alpha = 0.3f;

    static constexpr LayerKind kind = LayerKind::leaky_relu;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = true;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.alpha = alpha;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) { return in[0]; }
};

}  // namespace ganforge
