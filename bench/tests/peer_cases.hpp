// Small models that between them use every layer kind and option the peers
// translate: where a wrong padding, crop, fold or layout shows. The peers'
// tests run them; the code generator's graph edge models are among them.
#pragma once

#include "examples/models.hpp"

#include "edge_models.hpp"  // tests/codegen: the graph corner cases

namespace ganforge::bench::peer_cases {

namespace gf = ganforge;
using gf::Activation;

struct Case {
    const char* name;
    ModelSpec (*spec)();
};

using OddTconvs = gf::Sequential<
    gf::Input{{5, 4, 3}},
    gf::Conv2DTranspose{.filters = 4, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = gf::Padding::same},
    gf::Conv2DTranspose{.filters = 2, .kernel_size = {5, 4}, .strides = {2, 2}, .padding = gf::Padding::same,
                        .activation = Activation::tanh},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = {4, 4}, .strides = {2, 2}}>;
using StridedConvs = gf::Sequential<
    gf::Input{{9, 8, 3}},
    gf::Conv2D{.filters = 5, .kernel_size = {4, 4}, .strides = {2, 2}, .padding = gf::Padding::same},
    gf::BatchNormalization{},
    gf::LeakyReLU{.alpha = 0.1f},
    gf::Conv2D{.filters = 4, .kernel_size = {2, 3}, .strides = {1, 2}, .activation = Activation::sigmoid},
    gf::Flatten{},
    gf::Dense{.units = 6, .activation = Activation::elu}>;
using Activations = gf::Sequential<
    gf::Input{{12}},
    gf::Dense{.units = 2 * 3 * 4, .use_bias = false},
    gf::ActivationLayer{Activation::selu},
    gf::ActivationLayer{Activation::softplus},
    gf::BatchNormalization{.center = false},
    gf::Reshape{{2, 3, 4}},
    gf::ActivationLayer{Activation::softsign},
    gf::Dropout{.rate = 0.2f},
    gf::ActivationLayer{Activation::swish},
    gf::Dense{.units = 3, .activation = Activation::exponential},
    gf::ReLU{}>;
// The other functions of keras.activations, Keras 2's hard_sigmoid among
// them, after kernels and alone; Rescaling spreads values over the kinks.
using MoreActivations = gf::Sequential<
    gf::Input{{12}},
    gf::Dense{.units = 16, .activation = Activation::relu6},
    gf::ActivationLayer{Activation::hard_sigmoid},
    gf::Dense{.units = 16, .activation = Activation::hard_sigmoid_keras2},
    gf::ActivationLayer{Activation::hard_silu},
    gf::Rescaling{.scale = 4.0f, .offset = -1.0f},
    gf::ActivationLayer{Activation::hard_tanh},
    gf::Dense{.units = 16, .activation = Activation::mish},
    gf::ActivationLayer{Activation::log_sigmoid},
    gf::Dense{.units = 16, .activation = Activation::tanh_shrink},
    gf::Rescaling{.scale = 3.0f},
    gf::ActivationLayer{Activation::soft_shrink},
    gf::Dense{.units = 16, .activation = Activation::hard_shrink},
    gf::ActivationLayer{Activation::sparse_plus},
    gf::Dense{.units = 16, .activation = Activation::sparse_sigmoid},
    gf::ActivationLayer{Activation::squareplus},
    gf::Dense{.units = 16, .activation = Activation::celu},
    gf::ActivationLayer{Activation::leaky_relu},
    gf::Dense{.units = 3, .activation = Activation::gelu}>;
using Upsamplings = gf::Sequential<
    gf::Input{{3, 4, 2}},
    gf::UpSampling2D{.size = {2, 3}},
    gf::BatchNormalization{},
    gf::UpSampling2D{.size = {3, 2}, .interpolation = gf::Interpolation::bilinear},
    gf::Conv2D{.filters = 3, .kernel_size = {3, 3}, .padding = gf::Padding::same, .activation = Activation::relu},
    gf::UpSampling2D{.interpolation = gf::Interpolation::bilinear}>;

inline const Case cases[] = {
    {"Upsample2x2", &examples::Upsample2x2::spec},
    {"Upsample2x3", &examples::Upsample2x3::spec},
    {"UpsampleBilinear2x2", &examples::UpsampleBilinear2x2::spec},
    {"Tconv1x1Stride2", &examples::Tconv1x1Stride2::spec},
    {"OddTconvs", &OddTconvs::spec},
    {"StridedConvs", &StridedConvs::spec},
    {"Activations", &Activations::spec},
    {"MoreActivations", &MoreActivations::spec},
    {"Upsamplings", &Upsamplings::spec},
    {"SeedUpsample", &examples::SeedUpsample::spec},
    {"SeedTconv", &examples::SeedTconv::spec},
    {"MnistGen", &examples::MnistGen::spec},
    // Graphs: joins on every axis, skips, merges, labels, padding and crops.
    {"GraphUnet", &edge::GraphUnet::spec},
    {"GraphJoins", &edge::GraphJoins::spec},
    {"GraphInputs", &edge::GraphInputs::spec},
    {"GraphResidual", &edge::GraphResidual::spec},
    {"GraphLabels", &edge::GraphLabels::spec},
    {"GraphPadCrop", &edge::GraphPadCrop::spec},
};

}  // namespace ganforge::bench::peer_cases
