// A model a user declares in their own project.
#pragma once

#include <ganforge/ganforge.hpp>

namespace consumer {

namespace gf = ganforge;

using TinyGen = gf::Sequential<
    gf::Input{{16}}, gf::Dense{.units = 4 * 4 * 8}, gf::LeakyReLU{.alpha = 0.2f}, gf::Reshape{{4, 4, 8}},
    gf::Conv2DTranspose{.filters = 8, .kernel_size = {4, 4}, .strides = {2, 2}, .padding = gf::Padding::same},
    gf::BatchNormalization{}, gf::ReLU{}, gf::UpSampling2D{},
    gf::Conv2D{.filters = 3, .kernel_size = {3, 3}, .padding = gf::Padding::same,
               .activation = gf::Activation::tanh}>;

}  // namespace consumer
