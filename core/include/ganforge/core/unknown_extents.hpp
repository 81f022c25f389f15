// The extents a model file leaves unknown (Keras' None, an image of any
// size): one flag per axis of each model input and of each layer's output,
// indexed as the ModelSpec's inputs and layers. The summary prints them as
// None, as Keras does.
#pragma once

#include <array>
#include <vector>

#include <ganforge/core/shape.hpp>

namespace ganforge {

using ExtentFlags = std::array<bool, Shape::max_rank>;

struct UnknownExtents {
    std::vector<ExtentFlags> inputs;  // both empty: every extent is known
    std::vector<ExtentFlags> layers;
};

}  // namespace ganforge
