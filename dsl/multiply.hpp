// Keras' Multiply: the product of its inputs, element by element (equal
// shapes, no broadcasting).
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Multiply {
    constexpr LayerSpec spec() const { return LayerSpec{.kind = LayerKind::multiply}; }
};

}  // namespace ganforge
