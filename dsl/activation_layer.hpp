// Keras' Activation layer (named ActivationLayer here because Activation is the
// enum of functions; its summary class name is still `Activation`).
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct ActivationLayer {
    Activation activation = Activation::linear;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::activation};
        s.activation = activation;
        return s;
    }
};

}  // namespace ganforge
