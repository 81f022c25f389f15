// Keras' Add: the sum of its inputs, element by element (equal shapes, no
// broadcasting).
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Add {
    constexpr LayerSpec spec() const { return LayerSpec{.kind = LayerKind::add}; }
};

}  // namespace ganforge
