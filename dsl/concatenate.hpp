// Keras' Concatenate: its inputs joined along `axis` (Keras' numbering, the
// batch axis 0; -1, the default, is the channels), in the order it reads them.
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Concatenate {
    int axis = -1;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::concatenate};
        s.axis = axis;
        return s;
    }
};

}  // namespace ganforge
