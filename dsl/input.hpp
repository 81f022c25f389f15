// The model's input, Keras' `Input(shape=...)`: `Input{{100}}` or
// `Input{{h, w, c}}` (no batch axis, channels last).
#pragma once

#include <ganforge/core/shape.hpp>

namespace ganforge {

struct Input {
    Shape shape;
};

}  // namespace ganforge
