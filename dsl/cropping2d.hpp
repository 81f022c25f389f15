// Keras' Cropping2D: rows and columns removed from an image's edges.
// cropping: `1`, `{rows, cols}` or `{{top, bottom}, {left, right}}`; Keras'
// default is 0.
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct Cropping2D {
    Margins cropping{0};

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::cropping2d};
        s.margins = cropping;
        return s;
    }
};

}  // namespace ganforge
