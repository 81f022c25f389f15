// Keras' LeakyReLU: x for x >= 0, alpha * x below (Keras' default alpha 0.3).
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct LeakyReLU {
    float alpha = 0.3f;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::leaky_relu};
        s.alpha = alpha;
        return s;
    }
};

}  // namespace ganforge
