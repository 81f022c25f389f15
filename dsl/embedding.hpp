// Keras' Embedding: each label (a float holding an integer in [0, input_dim),
// cast as Keras casts it) becomes row `label` of an input_dim x output_dim
// table; an input of shape (1) gives (1, output_dim).
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Embedding {
    int input_dim = 0;
    int output_dim = 0;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::embedding, .units = output_dim, .input_dim = input_dim};
        return s;
    }
};

}  // namespace ganforge
