// Keras' Flatten: an image becomes a vector, row-major (h, w, c).
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Flatten {
    constexpr LayerSpec spec() const { return LayerSpec{.kind = LayerKind::flatten}; }
};

}  // namespace ganforge
