// A layer value: anything that describes itself as a LayerSpec (Dense{...},
// Conv2D{...}, ...). Sequential takes them as they are; Functional inside a Node.
#pragma once

#include <concepts>

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

template <typename T>
concept Layer = requires(const T& layer) {
    { layer.spec() } -> std::same_as<LayerSpec>;
};

}  // namespace ganforge
