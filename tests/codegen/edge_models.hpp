// Models beyond the reference cases, one per corner of the generator: every
// layer kind and option, every activation, fusions that must not happen,
// folds that must, tiles and vectors cut by odd sizes. Each is generated and
// checked against the interpreter like the reference cases.
#pragma once

#include <ganforge/ganforge.hpp>

namespace edge {

namespace gf = ganforge;
using gf::Activation;
using gf::Interpolation;
using gf::Padding;

// Nothing to compute: the output is a copy of the input.
using ZeroLayersImage = gf::Sequential<gf::Input{{3, 4, 5}}>;
using ZeroLayersFlat = gf::Sequential<gf::Input{{7}}>;
using OnlyReshapes = gf::Sequential<gf::Input{{12}}, gf::Reshape{{2, 2, 3}}, gf::Dropout{.rate = 0.5f},
                                    gf::Flatten{}, gf::ActivationLayer{Activation::linear}>;

// Dense acts on the last axis of an image; an output count that fills no whole vector.
using DenseOnImage = gf::Sequential<gf::Input{{3, 4, 5}}, gf::Dense{.units = 7, .activation = Activation::relu},
                                    gf::Dense{.units = 20, .use_bias = false}, gf::Flatten{},
                                    gf::Dense{.units = 1, .activation = Activation::sigmoid}>;

// Every activation, as a layer option and as an Activation layer.
using ActivationsDense = gf::Sequential<
    gf::Input{{17}}, gf::ActivationLayer{Activation::tanh},
    gf::Dense{.units = 19, .activation = Activation::elu}, gf::ActivationLayer{Activation::selu},
    gf::Dense{.units = 33, .activation = Activation::softplus}, gf::ActivationLayer{Activation::softsign},
    gf::Dense{.units = 40, .activation = Activation::swish}, gf::ActivationLayer{Activation::exponential},
    gf::Dense{.units = 3, .activation = Activation::sigmoid}, gf::ActivationLayer{Activation::relu},
    gf::Dense{.units = 130, .activation = Activation::exponential}, gf::ActivationLayer{Activation::sigmoid},
    gf::Dense{.units = 6, .activation = Activation::selu}, gf::ActivationLayer{Activation::elu},
    gf::Dense{.units = 9, .activation = Activation::softsign}, gf::ActivationLayer{Activation::softplus},
    gf::Dense{.units = 5, .activation = Activation::swish}, gf::ActivationLayer{Activation::swish}>;

using ActivationsConv = gf::Sequential<
    gf::Input{{6, 7, 5}},
    gf::Conv2D{.filters = 9, .kernel_size = {3, 3}, .padding = Padding::same, .activation = Activation::elu},
    gf::ActivationLayer{Activation::swish},
    gf::Conv2D{.filters = 4, .kernel_size = {2, 2}, .activation = Activation::softplus},
    gf::LeakyReLU{.alpha = 1.5f},
    gf::Conv2D{.filters = 17, .kernel_size = {1, 1}, .activation = Activation::selu},
    gf::LeakyReLU{.alpha = -0.5f}, gf::ActivationLayer{Activation::softsign},
    gf::Conv2DTranspose{.filters = 2, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = Padding::same,
                        .activation = Activation::exponential},
    gf::LeakyReLU{.alpha = 0.0f}, gf::ReLU{}, gf::LeakyReLU{.alpha = 1.0f}>;

// The piecewise activations the generated code computes on vectors, as
// layer options and as Activation layers, Rescaling spreading the values
// over their kinks (+-0.5, +-1, +-2.5, +-3, 6); a first one in a step of its
// own.
using ActivationsPiecewise = gf::Sequential<
    gf::Input{{21}}, gf::Rescaling{.scale = 4.0f}, gf::ActivationLayer{Activation::hard_tanh},
    gf::Dense{.units = 19, .activation = Activation::relu6}, gf::Rescaling{.scale = 2.0f, .offset = -3.0f},
    gf::ActivationLayer{Activation::hard_sigmoid},
    gf::Dense{.units = 33, .activation = Activation::hard_silu}, gf::Rescaling{.scale = 3.0f},
    gf::ActivationLayer{Activation::soft_shrink},
    gf::Dense{.units = 40, .activation = Activation::hard_sigmoid_keras2},
    gf::Rescaling{.scale = 4.0f, .offset = -2.0f}, gf::ActivationLayer{Activation::hard_shrink},
    gf::Dense{.units = 7, .activation = Activation::sparse_plus}, gf::Rescaling{.scale = 2.0f},
    gf::ActivationLayer{Activation::sparse_sigmoid},
    gf::Dense{.units = 130, .activation = Activation::leaky_relu}, gf::ActivationLayer{Activation::relu6},
    gf::Dense{.units = 5, .activation = Activation::hard_tanh}, gf::ActivationLayer{Activation::hard_silu}>;

// The other activations (the interpreter's scalar functions) and piecewise
// ones in convolutions' epilogues.
using ActivationsScalar = gf::Sequential<
    gf::Input{{6, 7, 5}},
    gf::Conv2D{.filters = 9, .kernel_size = {3, 3}, .padding = Padding::same, .activation = Activation::gelu},
    gf::ActivationLayer{Activation::mish},
    gf::Conv2D{.filters = 4, .kernel_size = {2, 2}, .activation = Activation::log_sigmoid},
    gf::Rescaling{.scale = 3.0f}, gf::ActivationLayer{Activation::tanh_shrink},
    gf::Conv2D{.filters = 17, .kernel_size = {1, 1}, .activation = Activation::squareplus},
    gf::ActivationLayer{Activation::celu},
    gf::Conv2DTranspose{.filters = 2, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = Padding::same,
                        .activation = Activation::hard_sigmoid},
    gf::Rescaling{.scale = 8.0f, .offset = -4.0f}, gf::ActivationLayer{Activation::soft_shrink},
    gf::ActivationLayer{Activation::leaky_relu}>;

// BatchNormalization: first layer (its own step), folded into a linear
// layer (center or scale off), after a nonlinearity (an epilogue), after a
// reshape that keeps its channel period (folded), and after one that does
// not (its own step).
using BatchNorms = gf::Sequential<
    gf::Input{{5, 5, 6}}, gf::BatchNormalization{.center = false},
    gf::Conv2D{.filters = 6, .kernel_size = {3, 3}, .padding = Padding::same},
    gf::BatchNormalization{.epsilon = 0.01f, .scale = false}, gf::ReLU{},
    gf::BatchNormalization{.epsilon = 0.1f, .center = false, .scale = false},
    gf::Conv2DTranspose{.filters = 5, .kernel_size = {3, 3}, .strides = {2, 2}, .padding = Padding::same},
    gf::BatchNormalization{}, gf::BatchNormalization{}, gf::LeakyReLU{}, gf::BatchNormalization{}>;

using BatchNormReshaped = gf::Sequential<
    gf::Input{{24}}, gf::Dense{.units = 48}, gf::Reshape{{2, 3, 8}}, gf::BatchNormalization{}, gf::ReLU{},
    gf::Flatten{}, gf::BatchNormalization{}, gf::Reshape{{4, 4, 3}},
    gf::Conv2D{.filters = 3, .kernel_size = {2, 2}, .activation = Activation::tanh}, gf::Flatten{},
    gf::BatchNormalization{}, gf::Dense{.units = 4}>;

// Transposed convolutions: kernel smaller than the stride, large kernels, a
// 1x1 input, filters that leave a partial (and an empty) vector.
using TconvKernelBelowStride = gf::Sequential<
    gf::Input{{3, 3, 4}}, gf::Conv2DTranspose{.filters = 20, .kernel_size = {2, 1}, .strides = {4, 3}},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = {1, 2}, .strides = {2, 3}, .padding = Padding::same,
                        .activation = Activation::relu}>;
using TconvLargeKernel = gf::Sequential<
    gf::Input{{4, 4, 8}},
    gf::Conv2DTranspose{.filters = 33, .kernel_size = {7, 7}, .strides = {3, 3}, .padding = Padding::same},
    gf::Conv2DTranspose{.filters = 40, .kernel_size = {6, 4}, .strides = {1, 2}, .use_bias = false}>;
using OnePixel = gf::Sequential<
    gf::Input{{1, 1, 8}}, gf::Conv2DTranspose{.filters = 4, .kernel_size = {3, 3}, .strides = {2, 2}},
    gf::Conv2D{.filters = 3, .kernel_size = {3, 3}, .activation = Activation::tanh},
    gf::Conv2DTranspose{.filters = 2, .kernel_size = {2, 2}, .strides = {2, 2}, .padding = Padding::same}>;

// PyTorch's ConvTranspose spelled in Keras: output_padding on a 'valid'
// transposed convolution (rows and columns only the bias reaches) and bilinear
// upsampling with aligned corners.
using TconvOutputPadding = gf::Sequential<
    gf::Input{{3, 4, 5}},
    gf::Conv2DTranspose{.filters = 6, .kernel_size = {3, 2}, .strides = {3, 4}, .output_padding = {2, 3}},
    gf::Conv2DTranspose{.filters = 17, .kernel_size = {4, 4}, .strides = {2, 2}, .output_padding = 1,
                        .activation = Activation::relu},
    gf::UpSampling2D{.size = {2, 3}, .interpolation = Interpolation::bilinear_align_corners},
    gf::Conv2DTranspose{.filters = 2, .kernel_size = {1, 1}, .strides = {2, 2}, .output_padding = 0}>;

// UpSampling2D of any size, standalone (nearest and bilinear) and fused
// into a Conv2D of any stride, with pointwise layers moved before it.
using UpsampleSizes = gf::Sequential<
    gf::Input{{3, 2, 5}}, gf::UpSampling2D{.size = {3, 1}}, gf::LeakyReLU{.alpha = 0.1f},
    gf::UpSampling2D{.size = {1, 4}, .interpolation = Interpolation::bilinear},
    gf::ActivationLayer{Activation::sigmoid}, gf::UpSampling2D{.size = {1, 1}},
    gf::UpSampling2D{.size = {2, 3}, .interpolation = Interpolation::bilinear}>;
using UpsampleConvStrided = gf::Sequential<
    gf::Input{{5, 4, 6}}, gf::UpSampling2D{.size = {3, 2}}, gf::LeakyReLU{.alpha = 0.1f},
    gf::Conv2D{.filters = 7, .kernel_size = {3, 3}, .strides = {2, 3}, .padding = Padding::same},
    gf::UpSampling2D{.size = {2, 2}}, gf::Dropout{.rate = 0.1f},
    gf::Conv2D{.filters = 3, .kernel_size = {5, 5}, .strides = {2, 2}, .activation = Activation::tanh},
    gf::UpSampling2D{.size = {4, 4}},
    gf::Conv2D{.filters = 18, .kernel_size = {3, 2}, .strides = {2, 2}, .padding = Padding::same}>;
using UpsampleBatchNormConv = gf::Sequential<
    gf::Input{{4, 4, 16}}, gf::Conv2D{.filters = 24, .kernel_size = {3, 3}, .padding = Padding::same},
    gf::UpSampling2D{}, gf::BatchNormalization{}, gf::ReLU{}, gf::BatchNormalization{},
    gf::Conv2D{.filters = 16, .kernel_size = {3, 3}, .padding = Padding::same}>;
using StartsWithUpsample = gf::Sequential<
    gf::Input{{3, 3, 2}}, gf::UpSampling2D{}, gf::ReLU{}, gf::BatchNormalization{},
    gf::Conv2D{.filters = 1, .kernel_size = {3, 3}, .padding = Padding::same}>;
using BilinearConv = gf::Sequential<
    gf::Input{{4, 5, 20}}, gf::UpSampling2D{.size = {2, 3}, .interpolation = Interpolation::bilinear},
    gf::BatchNormalization{}, gf::Conv2D{.filters = 4, .kernel_size = {3, 3}, .padding = Padding::same}>;

// Strided and even-kernel Conv2D, 'same' padding split unevenly; input
// channels that fill no whole vector (the kernel over input channels).
using StridedConv = gf::Sequential<
    gf::Input{{10, 9, 3}}, gf::Conv2D{.filters = 16, .kernel_size = {3, 3}, .strides = {3, 3}},
    gf::Conv2D{.filters = 37, .kernel_size = {4, 4}, .strides = {2, 1}, .padding = Padding::same},
    gf::Conv2D{.filters = 2, .kernel_size = {3, 2}, .padding = Padding::same},
    gf::Conv2D{.filters = 1, .kernel_size = {1, 1}, .activation = Activation::sigmoid}>;
using NarrowOutputs = gf::Sequential<
    gf::Input{{6, 6, 5}}, gf::Conv2D{.filters = 2, .kernel_size = {3, 3}, .padding = Padding::same},
    gf::Conv2D{.filters = 37, .kernel_size = {1, 1}, .activation = Activation::relu},
    gf::Conv2D{.filters = 1, .kernel_size = {5, 5}, .padding = Padding::same},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = {4, 4}, .strides = {2, 2}, .padding = Padding::same}>;
// Narrow convolutions whose inputs outgrow a band's share of L2 (771 KB,
// 2.3 MB): cut into bands of rows, each through every phase, by row counts
// no band count divides.
using NarrowBands = gf::Sequential<
    gf::Input{{67, 45, 64}},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = {4, 4}, .strides = {2, 2}, .padding = Padding::same},
    gf::Conv2D{.filters = 48, .kernel_size = {1, 1}, .activation = Activation::relu},
    gf::Conv2D{.filters = 1, .kernel_size = {3, 3}, .padding = Padding::same, .activation = Activation::tanh}>;
using WideOutputs = gf::Sequential<
    gf::Input{{5, 5, 3}}, gf::Conv2D{.filters = 130, .kernel_size = {3, 3}, .padding = Padding::same},
    gf::LeakyReLU{.alpha = 0.2f}, gf::Conv2D{.filters = 40, .kernel_size = {2, 2}, .strides = {2, 2}},
    gf::Flatten{}, gf::Dense{.units = 300}, gf::Dense{.units = 1}>;

// Chains of affine layers collapsed into one matrix, with a BatchNormalization
// folded after it, an activation as its epilogue.
using AffineChain = gf::Sequential<
    gf::Input{{16}}, gf::Dense{.units = 64}, gf::Dense{.units = 32}, gf::BatchNormalization{}, gf::ReLU{},
    gf::Dense{.units = 8}, gf::Reshape{{2, 2, 2}}, gf::UpSampling2D{},
    gf::Conv2D{.filters = 2, .kernel_size = {3, 3}, .padding = Padding::same, .activation = Activation::tanh}>;
using AffineChainImage = gf::Sequential<
    gf::Input{{4, 4, 2}}, gf::Conv2D{.filters = 3, .kernel_size = {3, 3}, .padding = Padding::same},
    gf::Flatten{}, gf::Dropout{.rate = 0.3f}, gf::Dense{.units = 5, .activation = Activation::tanh}>;

// ---- Graphs: where each tensor lives ----

// A U-Net: the encoder's first output is read by the next convolution and by
// the decoder's Concatenate, which its producer writes in place (the next
// convolution then reads it through strides); BatchNormalization folded,
// Dropout, a ReLU after the join.
using GraphUnet = gf::Functional<
    gf::Input{{8, 8, 3}},
    gf::Node{"e1", gf::Conv2D{.filters = 8, .kernel_size = 4, .strides = 2, .padding = Padding::same}},
    gf::Node{"e1_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"e2", gf::Conv2D{.filters = 16, .kernel_size = 4, .strides = 2, .padding = Padding::same}},
    gf::Node{"e2_norm", gf::BatchNormalization{}}, gf::Node{"e2_act", gf::LeakyReLU{.alpha = 0.2f}},
    gf::Node{"d1", gf::Conv2DTranspose{.filters = 8, .kernel_size = 4, .strides = 2, .padding = Padding::same}},
    gf::Node{"d1_norm", gf::BatchNormalization{}}, gf::Node{"d1_drop", gf::Dropout{.rate = 0.5f}},
    gf::Node{"skip", gf::Concatenate{}, {"d1_drop", "e1_act"}}, gf::Node{"skip_act", gf::ReLU{}},
    gf::Node{"out", gf::Conv2DTranspose{.filters = 3, .kernel_size = 4, .strides = 2, .padding = Padding::same,
                                        .activation = Activation::tanh}}>;

// Joins along rows and columns, a tensor in two joins (placed in one,
// copied into the other), a join inside a join read through strides, a crop
// of a join, and a join as the output.
using GraphJoins = gf::Functional<
    gf::Input{{4, 4, 2}},
    gf::Node{"a", gf::Conv2D{.filters = 3, .kernel_size = 3, .padding = Padding::same}, "input_1"},
    gf::Node{"b", gf::Conv2D{.filters = 3, .kernel_size = 1}, "input_1"},
    gf::Node{"rows", gf::Concatenate{.axis = 1}, {"a", "b"}},
    gf::Node{"cols", gf::Concatenate{.axis = 2}, {"b", "a"}},
    gf::Node{"rows_conv", gf::Conv2D{.filters = 5, .kernel_size = 3, .padding = Padding::same}, "rows"},
    gf::Node{"nested", gf::Concatenate{}, {"rows", "rows_conv"}},
    gf::Node{"cropped", gf::Cropping2D{.cropping = {{2, 2}, {0, 0}}}, "nested"},
    gf::Node{"cols_conv", gf::Conv2D{.filters = 8, .kernel_size = {1, 5}, .strides = {1, 2}}, "cols"},
    gf::Node{"out", gf::Concatenate{.axis = 2}, {"cropped", "cols_conv"}}>;

// Several inputs: an input joined directly (copied), multiplied in, added to
// itself (no operand can be the result: a copy), three operands, a merge as
// the output, and a pointwise layer on an input read twice.
using GraphInputs = gf::Functional<
    gf::Input{{3, 5, 4}, "image"}, gf::Input{{3, 5, 2}, "mask"},
    gf::Node{"mask_act", gf::LeakyReLU{.alpha = 0.1f}, "mask"},
    gf::Node{"joined", gf::Concatenate{}, {"image", "mask_act"}},
    gf::Node{"conv", gf::Conv2D{.filters = 2, .kernel_size = 3, .padding = Padding::same}},
    gf::Node{"gated", gf::Multiply{}, {"conv", "mask"}},
    gf::Node{"twice", gf::Add{}, {"mask", "mask"}},
    gf::Node{"sum", gf::Add{}, {"gated", "twice", "mask_act"}}>;

// Residual blocks with the block's input first and last (the block reads it
// too, so the block's output becomes the sum either way), a ReLU after.
using GraphResidual = gf::Functional<
    gf::Input{{16}},
    gf::Node{"dense", gf::Dense{.units = 4 * 4 * 8}}, gf::Node{"map", gf::Reshape{{4, 4, 8}}},
    gf::Node{"c1", gf::Conv2D{.filters = 8, .kernel_size = 3, .padding = Padding::same, .use_bias = false}},
    gf::Node{"n1", gf::BatchNormalization{}}, gf::Node{"r1", gf::ReLU{}},
    gf::Node{"c2", gf::Conv2D{.filters = 8, .kernel_size = 3, .padding = Padding::same}},
    gf::Node{"add1", gf::Add{}, {"map", "c2"}}, gf::Node{"r2", gf::ReLU{}},
    gf::Node{"up", gf::UpSampling2D{}},
    gf::Node{"c3", gf::Conv2D{.filters = 8, .kernel_size = 3, .padding = Padding::same}},
    gf::Node{"add2", gf::Add{}, {"c3", "up"}},
    gf::Node{"out", gf::Conv2D{.filters = 3, .kernel_size = 3, .padding = Padding::same,
                               .activation = Activation::tanh}}>;

// A conditional generator: labels gathered (with an epilogue), flattened
// into a Dense, joined to the latent's branch; labels of length 3.
using GraphLabels = gf::Functional<
    gf::Input{{12}, "latent"}, gf::Input{{3}, "labels"},
    gf::Node{"embed", gf::Embedding{.input_dim = 7, .output_dim = 5}, "labels"},
    gf::Node{"embed_act", gf::LeakyReLU{.alpha = 0.2f}}, gf::Node{"flat", gf::Flatten{}},
    gf::Node{"label_dense", gf::Dense{.units = 16}}, gf::Node{"label_map", gf::Reshape{{4, 4, 1}}},
    gf::Node{"latent_dense", gf::Dense{.units = 4 * 4 * 6}, "latent"},
    gf::Node{"latent_map", gf::Reshape{{4, 4, 6}}},
    gf::Node{"joined", gf::Concatenate{}, {"latent_map", "label_map"}},
    gf::Node{"out", gf::Conv2DTranspose{.filters = 2, .kernel_size = 3, .strides = 2, .padding = Padding::same}}>;

// Padding around a producer's output (written in place into the interior)
// and around an input (copied), crops read in place, a crop as the output.
using GraphPadCrop = gf::Functional<
    gf::Input{{5, 6, 3}},
    gf::Node{"conv", gf::Conv2D{.filters = 4, .kernel_size = 3}},
    gf::Node{"padded", gf::ZeroPadding2D{.padding = {{1, 2}, {0, 3}}}},
    gf::Node{"valid", gf::Conv2D{.filters = 3, .kernel_size = 2}},
    gf::Node{"input_padded", gf::ZeroPadding2D{.padding = 1}, "input_1"},
    gf::Node{"input_cropped", gf::Cropping2D{.cropping = {{1, 1}, {2, 0}}}, "input_padded"},
    gf::Node{"sum", gf::Add{}, {"valid", "input_cropped"}},
    gf::Node{"out", gf::Cropping2D{.cropping = {{0, 1}, {1, 0}}}}>;

// Sums of branches: a later branch's linear step starts from what the sum
// holds so far (no pass of its own) with wide, narrow and Dense producers;
// a ReLU after a sum.
using GraphBranchSums = gf::Functional<
    gf::Input{{6, 6, 4}, "image"}, gf::Input{{10}, "code"},
    gf::Node{"a", gf::Conv2D{.filters = 16, .kernel_size = 3, .padding = Padding::same}, "image"},
    gf::Node{"b", gf::Conv2D{.filters = 16, .kernel_size = 1, .use_bias = false}, "image"},
    gf::Node{"c_dense", gf::Dense{.units = 6 * 6 * 16}, "code"}, gf::Node{"c", gf::Reshape{{6, 6, 16}}},
    gf::Node{"sum", gf::Add{}, {"a", "b", "c"}}, gf::Node{"sum_act", gf::ReLU{}},
    gf::Node{"n1", gf::Conv2D{.filters = 2, .kernel_size = 3, .padding = Padding::same}},
    gf::Node{"n2", gf::Conv2D{.filters = 2, .kernel_size = 3, .padding = Padding::same}, "sum_act"},
    gf::Node{"narrow_sum", gf::Add{}, {"n1", "n2"}}>;

// ZeroPadding2D folded into the Conv2D after it: asymmetric, before a
// strided convolution, wider than the kernel (rows of outputs that see only
// zeros), before a 'same' convolution and a narrow one.
using PaddedConvs = gf::Sequential<
    gf::Input{{7, 6, 3}}, gf::ZeroPadding2D{.padding = {{1, 2}, {3, 0}}},
    gf::Conv2D{.filters = 16, .kernel_size = 3, .strides = 2}, gf::ZeroPadding2D{.padding = 4},
    gf::Conv2D{.filters = 5, .kernel_size = 2, .padding = Padding::same, .activation = Activation::relu},
    gf::ZeroPadding2D{.padding = 1}, gf::Conv2D{.filters = 2, .kernel_size = 1}>;

// Padding read by a crop: the convolution writes the padded tensor's
// interior in place (and the sum reads it there through strides).
using PaddedInPlace = gf::Functional<
    gf::Input{{4, 5, 3}}, gf::Node{"conv", gf::Conv2D{.filters = 4, .kernel_size = 3, .padding = Padding::same}},
    gf::Node{"padded", gf::ZeroPadding2D{.padding = {{1, 2}, {0, 3}}}},
    gf::Node{"kept", gf::Cropping2D{.cropping = {{0, 3}, {1, 2}}}},
    gf::Node{"sum", gf::Add{}, {"conv", "kept"}}>;

// Convolutions and an upsampling that read crops in place (rows and columns
// strided as the uncropped tensor), a transposed convolution over a join's
// slice, and a label join of rank 2.
using CropReaders = gf::Functional<
    gf::Input{{9, 8, 5}}, gf::Input{{2}, "labels"},
    gf::Node{"crop_a", gf::Cropping2D{.cropping = {{1, 2}, {3, 0}}}, "input_1"},
    gf::Node{"conv_a", gf::Conv2D{.filters = 16, .kernel_size = 3, .strides = 2, .padding = Padding::same}},
    gf::Node{"crop_b", gf::Cropping2D{.cropping = {{2, 1}, {0, 3}}}, "input_1"},
    gf::Node{"conv_b", gf::Conv2D{.filters = 5, .kernel_size = {3, 2}}},
    gf::Node{"up_b", gf::UpSampling2D{.interpolation = Interpolation::bilinear}, "crop_b"},
    gf::Node{"joined", gf::Concatenate{}, {"conv_a", "conv_a"}},
    gf::Node{"tconv", gf::Conv2DTranspose{.filters = 5, .kernel_size = 3, .strides = 2, .padding = Padding::same}},
    gf::Node{"cropped_t", gf::Cropping2D{.cropping = {{2, 0}, {2, 0}}}},
    gf::Node{"sum", gf::Add{}, {"cropped_t", "conv_b"}},
    gf::Node{"emb_a", gf::Embedding{.input_dim = 4, .output_dim = 3}, "labels"},
    gf::Node{"emb_b", gf::Embedding{.input_dim = 4, .output_dim = 5}, "labels"},
    gf::Node{"emb", gf::Concatenate{}, {"emb_a", "emb_b"}}, gf::Node{"emb_flat", gf::Flatten{}},
    gf::Node{"emb_dense", gf::Dense{.units = 4 * 4 * 5}}, gf::Node{"emb_map", gf::Reshape{{4, 4, 5}}},
    gf::Node{"up_crop", gf::Cropping2D{.cropping = {{2, 6}, {1, 5}}}, "up_b"},
    gf::Node{"out", gf::Multiply{}, {"sum", "emb_map", "up_crop"}}>;

// Two wide transposed convolutions whose weights leave the cache, summed.
using GraphLargeSum = gf::Functional<
    gf::Input{{2, 2, 256}},
    gf::Node{"t1", gf::Conv2DTranspose{.filters = 256, .kernel_size = 4, .strides = 2, .padding = Padding::same},
             "input_1"},
    gf::Node{"t2", gf::Conv2DTranspose{.filters = 256, .kernel_size = 4, .strides = 2, .padding = Padding::same},
             "input_1"},
    gf::Node{"sum", gf::Add{}, {"t1", "t2"}}>;

// Convolutions over pixels 512 floats apart (they share L1 sets): a model
// input copied with a cache line between its pixels (one copy for both its
// readers), an output re-strided in place for the one convolution reading
// it, and one also joined (the convolution reads a copy, the join the
// original in its slice).
using AliasingPixels = gf::Functional<
    gf::Input{{3, 2, 512}},
    gf::Node{"a", gf::Conv2D{.filters = 512, .kernel_size = 2, .padding = Padding::same,
                             .activation = Activation::relu}, "input_1"},
    gf::Node{"c", gf::Conv2D{.filters = 16, .kernel_size = 1}, "input_1"},
    gf::Node{"b", gf::Conv2D{.filters = 4, .kernel_size = 3, .padding = Padding::same}, "a"},
    gf::Node{"m", gf::Conv2D{.filters = 512, .kernel_size = 1}, "c"},
    gf::Node{"n", gf::Conv2D{.filters = 16, .kernel_size = 3, .padding = Padding::same}, "m"},
    gf::Node{"join", gf::Concatenate{}, {"m", "b", "n"}},
    gf::Node{"out", gf::Conv2DTranspose{.filters = 3, .kernel_size = 3, .strides = 2, .padding = Padding::same}}>;

// Image-to-image layers in a chain: edge paddings read by convolutions,
// Rescaling on the input (its own step) and after a convolution (folded),
// group and instance normalization with epilogues after them, PReLU with one
// slope per channel (an epilogue) and one per value (a step of its own),
// DepthToSpace and SpaceToDepth.
using ImageToImage = gf::Sequential<
    gf::Input{{6, 5, 3}}, gf::Rescaling{.scale = 2.0f, .offset = -1.0f},
    gf::ReflectionPadding2D{.padding = {{2, 1}, {3, 1}}}, gf::Conv2D{.filters = 8, .kernel_size = 3},
    gf::GroupNormalization{.groups = 4, .epsilon = 1e-5f}, gf::ReLU{}, gf::PReLU{.shared_axes = {1, 2}},
    gf::ReplicationPadding2D{.padding = 1}, gf::Conv2D{.filters = 12, .kernel_size = 3},
    gf::Rescaling{.scale = 0.5f, .offset = 0.25f}, gf::DepthToSpace{.block_size = 2},
    gf::SpaceToDepth{.block_size = 2}, gf::GroupNormalization{.groups = -1, .center = false},
    gf::PReLU{}, gf::ReflectionPadding2D{.padding = 3},
    gf::Conv2D{.filters = 3, .kernel_size = 7, .activation = Activation::tanh}>;

// A super-resolution head (Real-ESRGAN's compact network): convolutions to
// 3 * 4 * 4 channels, shuffled to 4x the size, added to the input upsampled;
// a shuffle whose channels are not a whole vector.
using PixelShuffleSum = gf::Functional<
    gf::Input{{5, 4, 3}},
    gf::Node{"c1", gf::Conv2D{.filters = 16, .kernel_size = 3, .padding = Padding::same}, "input_1"},
    gf::Node{"p1", gf::PReLU{.shared_axes = {1, 2}}},
    gf::Node{"c2", gf::Conv2D{.filters = 48, .kernel_size = 3, .padding = Padding::same}},
    gf::Node{"shuffle", gf::DepthToSpace{.block_size = 4}},
    gf::Node{"up", gf::UpSampling2D{.size = 4}, "input_1"},
    gf::Node{"sum", gf::Add{}, {"shuffle", "up"}},
    gf::Node{"down", gf::SpaceToDepth{.block_size = 2}},
    gf::Node{"out", gf::Conv2D{.filters = 7, .kernel_size = 1}}>;

// The image-to-image layers on images of any size (predict_image): edge
// paddings, group and instance normalization, PReLU with shared slopes, a
// 'same' stride-2 convolution (whose padding follows the size's parity), the
// shuffles both ways and bilinear upsampling.
using ImageToImageAnySize = gf::Sequential<
    gf::Input{{6, 8, 3}}, gf::Rescaling{.scale = 2.0f, .offset = -1.0f},
    gf::ReflectionPadding2D{.padding = {{2, 1}, {3, 1}}}, gf::Conv2D{.filters = 8, .kernel_size = 3},
    gf::GroupNormalization{.groups = 4, .epsilon = 1e-5f}, gf::PReLU{.shared_axes = {1, 2}},
    gf::ReplicationPadding2D{.padding = 1},
    gf::Conv2D{.filters = 12, .kernel_size = 3, .strides = 2, .padding = Padding::same},
    gf::DepthToSpace{.block_size = 2}, gf::SpaceToDepth{.block_size = 2},
    gf::GroupNormalization{.groups = -1, .center = false},
    gf::UpSampling2D{.size = 2, .interpolation = Interpolation::bilinear},
    gf::Conv2D{.filters = 3, .kernel_size = 3, .padding = Padding::same, .activation = Activation::tanh}>;

// DepthToSpace read through by the convolutions after it (no copy): 'same'
// at strides 1 and 2, valid, blocks of 2 and 3, a last convolution to few
// channels.
using ShuffleConv = gf::Sequential<
    gf::Input{{5, 6, 4}}, gf::Conv2D{.filters = 16, .kernel_size = 3, .padding = Padding::same},
    gf::DepthToSpace{.block_size = 2}, gf::Conv2D{.filters = 18, .kernel_size = 3, .padding = Padding::same},
    gf::DepthToSpace{.block_size = 3},
    gf::Conv2D{.filters = 8, .kernel_size = 3, .strides = 2, .padding = Padding::same},
    gf::DepthToSpace{.block_size = 2}, gf::Conv2D{.filters = 3, .kernel_size = 2}>;

}  // namespace edge

// name, type: every edge model, for the generator and the tests.
#define GANFORGE_EDGE_MODELS(X)                           \
    X(edge_zero_layers_image, edge::ZeroLayersImage)      \
    X(edge_zero_layers_flat, edge::ZeroLayersFlat)        \
    X(edge_only_reshapes, edge::OnlyReshapes)             \
    X(edge_dense_on_image, edge::DenseOnImage)            \
    X(edge_activations_dense, edge::ActivationsDense)     \
    X(edge_activations_conv, edge::ActivationsConv)       \
    X(edge_activations_piecewise, edge::ActivationsPiecewise) \
    X(edge_activations_scalar, edge::ActivationsScalar)   \
    X(edge_batch_norms, edge::BatchNorms)                 \
    X(edge_batch_norm_reshaped, edge::BatchNormReshaped)  \
    X(edge_tconv_kernel_below_stride, edge::TconvKernelBelowStride) \
    X(edge_tconv_large_kernel, edge::TconvLargeKernel)    \
    X(edge_one_pixel, edge::OnePixel)                     \
    X(edge_tconv_output_padding, edge::TconvOutputPadding) \
    X(edge_upsample_sizes, edge::UpsampleSizes)           \
    X(edge_upsample_conv_strided, edge::UpsampleConvStrided) \
    X(edge_upsample_batch_norm_conv, edge::UpsampleBatchNormConv) \
    X(edge_starts_with_upsample, edge::StartsWithUpsample) \
    X(edge_bilinear_conv, edge::BilinearConv)             \
    X(edge_strided_conv, edge::StridedConv)               \
    X(edge_narrow_outputs, edge::NarrowOutputs)           \
    X(edge_narrow_bands, edge::NarrowBands)               \
    X(edge_wide_outputs, edge::WideOutputs)               \
    X(edge_affine_chain, edge::AffineChain)               \
    X(edge_affine_chain_image, edge::AffineChainImage)    \
    X(edge_graph_unet, edge::GraphUnet)                   \
    X(edge_graph_joins, edge::GraphJoins)                 \
    X(edge_graph_inputs, edge::GraphInputs)               \
    X(edge_graph_residual, edge::GraphResidual)           \
    X(edge_graph_labels, edge::GraphLabels)               \
    X(edge_graph_pad_crop, edge::GraphPadCrop)           \
    X(edge_graph_branch_sums, edge::GraphBranchSums)     \
    X(edge_graph_large_sum, edge::GraphLargeSum)         \
    X(edge_padded_convs, edge::PaddedConvs)               \
    X(edge_padded_in_place, edge::PaddedInPlace)          \
    X(edge_crop_readers, edge::CropReaders)               \
    X(edge_aliasing_pixels, edge::AliasingPixels)         \
    X(edge_image_to_image, edge::ImageToImage)            \
    X(edge_image_to_image_any_size, edge::ImageToImageAnySize) \
    X(edge_shuffle_conv, edge::ShuffleConv)               \
    X(edge_pixel_shuffle_sum, edge::PixelShuffleSum)
