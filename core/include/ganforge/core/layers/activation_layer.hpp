// Keras' Activation layer (named ActivationLayer here because Activation is the
// enum of functions; its summary class name is still `Activation`).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct ActivationLayer {
    Activation activation = Activation::linear;

    static constexpr LayerKind kind = LayerKind::activation;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr auto affine = activation_is_linear;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = true;
    static constexpr bool applies_activation = true;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.activation = activation;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec&, std::span<const Shape> in) { return in[0]; }
};

}  // namespace ganforge
