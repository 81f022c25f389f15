// The example generators, declared once: the examples run them, the code
// generator emits them (generated/) and the benchmarks measure them.
#pragma once

#include <ganforge/ganforge.hpp>

namespace examples {

namespace gf = ganforge;

// The tutorial's worked examples on a 2x2 image.
using Upsample2x2 = gf::Sequential<gf::Input{{2, 2, 1}}, gf::UpSampling2D{}>;
using Upsample2x3 = gf::Sequential<gf::Input{{2, 2, 1}}, gf::UpSampling2D{.size = {2, 3}}>;
using UpsampleBilinear2x2 = gf::Sequential<
    gf::Input{{2, 2, 1}}, gf::UpSampling2D{.interpolation = gf::Interpolation::bilinear}>;
using Tconv1x1Stride2 = gf::Sequential<
    gf::Input{{2, 2, 1}}, gf::Conv2DTranspose{.filters = 1, .kernel_size = {1, 1}, .strides = {2, 2}}>;

// The tutorial's two 10x10 generators.
using SeedUpsample = gf::Sequential<
    gf::Input{{100}},
    gf::Dense{.units = 128 * 5 * 5},
    gf::Reshape{{5, 5, 128}},
    gf::UpSampling2D{},
    gf::Conv2D{.filters = 1, .kernel_size = {3, 3}, .padding = gf::Padding::same}>;

using SeedTconv = gf::Sequential<
    gf::Input{{100}},
    gf::Dense{.units = 128 * 5 * 5},
    gf::Reshape{{5, 5, 128}},
    gf::Conv2DTranspose{.filters = 1, .kernel_size = {3, 3}, .strides = {2, 2},
                        .padding = gf::Padding::same}>;

// A 28x28 MNIST generator.
using MnistGen = gf::Sequential<
    gf::Input{{100}},
    gf::Dense{.units = 7 * 7 * 128},
    gf::LeakyReLU{.alpha = 0.2f},
    gf::Reshape{{7, 7, 128}},
    gf::Conv2DTranspose{.filters = 128, .kernel_size = {4, 4}, .strides = {2, 2},
                        .padding = gf::Padding::same},
    gf::LeakyReLU{.alpha = 0.2f},
    gf::Conv2DTranspose{.filters = 128, .kernel_size = {4, 4}, .strides = {2, 2},
                        .padding = gf::Padding::same},
    gf::LeakyReLU{.alpha = 0.2f},
    gf::Conv2D{.filters = 1, .kernel_size = {7, 7}, .padding = gf::Padding::same,
               .activation = gf::Activation::sigmoid}>;

// A 32x32x3 CIFAR-10 generator.
using CifarGen = gf::Sequential<
    gf::Input{{100}},
    gf::Dense{.units = 4 * 4 * 256},
    gf::LeakyReLU{.alpha = 0.2f},
    gf::Reshape{{4, 4, 256}},
    gf::Conv2DTranspose{.filters = 128, .kernel_size = {4, 4}, .strides = {2, 2},
                        .padding = gf::Padding::same},
    gf::LeakyReLU{.alpha = 0.2f},
    gf::Conv2DTranspose{.filters = 128, .kernel_size = {4, 4}, .strides = {2, 2},
                        .padding = gf::Padding::same},
    gf::LeakyReLU{.alpha = 0.2f},
    gf::Conv2DTranspose{.filters = 128, .kernel_size = {4, 4}, .strides = {2, 2},
                        .padding = gf::Padding::same},
    gf::LeakyReLU{.alpha = 0.2f},
    gf::Conv2D{.filters = 3, .kernel_size = {3, 3}, .padding = gf::Padding::same,
               .activation = gf::Activation::tanh}>;

// The DCGAN paper's 64x64 generator (Radford et al., 2015).
using Dcgan64 = gf::Sequential<
    gf::Input{{100}},
    gf::Dense{.units = 4 * 4 * 1024, .use_bias = false},
    gf::BatchNormalization{},
    gf::ReLU{},
    gf::Reshape{{4, 4, 1024}},
    gf::Conv2DTranspose{.filters = 512, .kernel_size = {5, 5}, .strides = {2, 2},
                        .padding = gf::Padding::same, .use_bias = false},
    gf::BatchNormalization{},
    gf::ReLU{},
    gf::Conv2DTranspose{.filters = 256, .kernel_size = {5, 5}, .strides = {2, 2},
                        .padding = gf::Padding::same, .use_bias = false},
    gf::BatchNormalization{},
    gf::ReLU{},
    gf::Conv2DTranspose{.filters = 128, .kernel_size = {5, 5}, .strides = {2, 2},
                        .padding = gf::Padding::same, .use_bias = false},
    gf::BatchNormalization{},
    gf::ReLU{},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = {5, 5}, .strides = {2, 2},
                        .padding = gf::Padding::same, .activation = gf::Activation::tanh}>;

}  // namespace examples
