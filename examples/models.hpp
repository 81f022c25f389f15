// The example generators, declared once: the examples run them, the code
// generator emits them (generated/) and the benchmarks measure them.
#pragma once

#include <ganforge/ganforge.hpp>

// pytorch/examples' DCGAN generator, declared by `ganforge import` from its ONNX export:
// examples::PytorchDcgan64 (pytorch_dcgan/CMakeLists.txt).
#include "pytorch_dcgan/pytorch_dcgan64.hpp"

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

// The classic conditional MNIST generator: a class label, embedded and
// mapped to a 7x7 plane, joins the latent's 7x7x128 map.
using CganMnist = gf::Functional<
    gf::Input{{100}, "latent"}, gf::Input{{1}, "label"},
    gf::Node{"label_embedding", gf::Embedding{.input_dim = 10, .output_dim = 50}, "label"},
    gf::Node{"label_dense", gf::Dense{.units = 7 * 7}},
    gf::Node{"label_map", gf::Reshape{{7, 7, 1}}},
    gf::Node{"latent_dense", gf::Dense{.units = 128 * 7 * 7}, "latent"},
    gf::Node{"latent_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"latent_map", gf::Reshape{{7, 7, 128}}},
    gf::Node{"joined", gf::Concatenate{}, {"latent_map", "label_map"}},
    gf::Node{"up1", gf::Conv2DTranspose{.filters = 128, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"up1_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"up2", gf::Conv2DTranspose{.filters = 128, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"up2_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"image", gf::Conv2D{.filters = 1, .kernel_size = 7, .padding = gf::Padding::same,
                                 .activation = gf::Activation::tanh}}>;

// The Pix2Pix U-Net generator on 256x256x3 (Isola et al., 2017): 4x4
// stride-2 encoder C64-C128-C256-C512-C512-C512-C512 (no BatchNormalization
// on the first), a C512 bottleneck, a decoder whose first three blocks drop
// out, each block joined with the mirrored encoder output.
using Pix2Pix256 = gf::Functional<
    gf::Input{{256, 256, 3}, "image_in"},
    gf::Node{"e1", gf::Conv2D{.filters = 64, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"e1_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"e2", gf::Conv2D{.filters = 128, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"e2_norm", gf::BatchNormalization{}},
    gf::Node{"e2_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"e3", gf::Conv2D{.filters = 256, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"e3_norm", gf::BatchNormalization{}},
    gf::Node{"e3_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"e4", gf::Conv2D{.filters = 512, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"e4_norm", gf::BatchNormalization{}},
    gf::Node{"e4_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"e5", gf::Conv2D{.filters = 512, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"e5_norm", gf::BatchNormalization{}},
    gf::Node{"e5_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"e6", gf::Conv2D{.filters = 512, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"e6_norm", gf::BatchNormalization{}},
    gf::Node{"e6_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"e7", gf::Conv2D{.filters = 512, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"e7_norm", gf::BatchNormalization{}},
    gf::Node{"e7_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"b", gf::Conv2D{.filters = 512, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"b_act", gf::ReLU{}},
    gf::Node{"d1", gf::Conv2DTranspose{.filters = 512, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"d1_norm", gf::BatchNormalization{}},
    gf::Node{"d1_drop", gf::Dropout{.rate = 0.5f}},
    gf::Node{"d1_skip", gf::Concatenate{}, {"d1_drop", "e7_act"}},
    gf::Node{"d1_act", gf::ReLU{}},
    gf::Node{"d2", gf::Conv2DTranspose{.filters = 512, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"d2_norm", gf::BatchNormalization{}},
    gf::Node{"d2_drop", gf::Dropout{.rate = 0.5f}},
    gf::Node{"d2_skip", gf::Concatenate{}, {"d2_drop", "e6_act"}},
    gf::Node{"d2_act", gf::ReLU{}},
    gf::Node{"d3", gf::Conv2DTranspose{.filters = 512, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"d3_norm", gf::BatchNormalization{}},
    gf::Node{"d3_drop", gf::Dropout{.rate = 0.5f}},
    gf::Node{"d3_skip", gf::Concatenate{}, {"d3_drop", "e5_act"}},
    gf::Node{"d3_act", gf::ReLU{}},
    gf::Node{"d4", gf::Conv2DTranspose{.filters = 512, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"d4_norm", gf::BatchNormalization{}},
    gf::Node{"d4_skip", gf::Concatenate{}, {"d4_norm", "e4_act"}},
    gf::Node{"d4_act", gf::ReLU{}},
    gf::Node{"d5", gf::Conv2DTranspose{.filters = 256, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"d5_norm", gf::BatchNormalization{}},
    gf::Node{"d5_skip", gf::Concatenate{}, {"d5_norm", "e3_act"}},
    gf::Node{"d5_act", gf::ReLU{}},
    gf::Node{"d6", gf::Conv2DTranspose{.filters = 128, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"d6_norm", gf::BatchNormalization{}},
    gf::Node{"d6_skip", gf::Concatenate{}, {"d6_norm", "e2_act"}},
    gf::Node{"d6_act", gf::ReLU{}},
    gf::Node{"d7", gf::Conv2DTranspose{.filters = 64, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same}},
    gf::Node{"d7_norm", gf::BatchNormalization{}},
    gf::Node{"d7_skip", gf::Concatenate{}, {"d7_norm", "e1_act"}},
    gf::Node{"d7_act", gf::ReLU{}},
    gf::Node{"image", gf::Conv2DTranspose{.filters = 3, .kernel_size = 4, .strides = 2, .padding = gf::Padding::same,
                                          .activation = gf::Activation::tanh}}>;

}  // namespace examples
