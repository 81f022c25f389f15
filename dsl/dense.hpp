// Keras' Dense: a matrix product on the last axis, plus bias and activation.
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Dense {
    int units = 0;
    Activation activation = Activation::linear;
    bool use_bias = true;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::dense, .units = units};
        s.activation = activation;
        s.use_bias = use_bias;
        return s;
    }
};

}  // namespace ganforge
