// The model the network part generates, declared with the DSL alone.
#pragma once

#include <ganforge/dsl.hpp>

namespace consumer {

namespace gf = ganforge;

using Model = gf::Sequential<
    gf::Input{{8}}, gf::Dense{.units = 4 * 4 * 4}, gf::LeakyReLU{.alpha = 0.2f}, gf::Reshape{{4, 4, 4}},
    gf::Conv2DTranspose{.filters = 2, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = gf::Padding::same,
                        .activation = gf::Activation::tanh}>;

}  // namespace consumer
