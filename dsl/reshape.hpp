// Keras' Reshape: same values, new shape (the element counts must agree).
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Reshape {
    Shape target_shape;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::reshape};
        s.target_shape = target_shape;
        return s;
    }
};

}  // namespace ganforge
