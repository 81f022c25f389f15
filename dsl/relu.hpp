// Keras' ReLU layer with its defaults (no max_value, slope or threshold).
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct ReLU {
    constexpr LayerSpec spec() const { return LayerSpec{.kind = LayerKind::relu}; }
};

}  // namespace ganforge
