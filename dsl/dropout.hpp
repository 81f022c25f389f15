// Keras' Dropout: the identity at inference; kept so that the model, its
// summary and its layer names stay Keras'.
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Dropout {
    float rate = 0.0f;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::dropout};
        s.rate = rate;
        return s;
    }
};

}  // namespace ganforge
