// Keras' ZeroPadding2D: zero rows and columns around an image. padding: `1`,
// `{rows, cols}` or `{{top, bottom}, {left, right}}`; Keras' default is 1.
#pragma once

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

struct ZeroPadding2D {
    Margins padding{1};

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = LayerKind::zero_padding2d};
        s.margins = padding;
        return s;
    }
};

}  // namespace ganforge
