// A model's input, Keras' `Input(shape=..., name=...)`: `Input{{100}}`,
// `Input{{h, w, c}}` (no batch axis, channels last) or, in a Functional
// model, `Input{{1}, "label"}`. Without a name it is Keras' `input_<k>`, k
// counting the model's inputs from 1.
#pragma once

#include <ganforge/core/shape.hpp>
#include <ganforge/dsl/name.hpp>

namespace ganforge {

struct Input {
    Shape shape;
    Name name{};
};

}  // namespace ganforge
