// The largest sizes the readers accept from a file. Files are untrusted: every
// size read from one is checked against these before anything is allocated,
// so a corrupt or hostile file gives an error, not an out-of-memory kill.
// They are far above what a GAN generator needs (a 1024x1024x64 activation
// is 2^26 values; StyleGAN2's generator has 2^25 weights).
#pragma once

#include <cstddef>

namespace ganforge::import_limits {

// Dense units, convolution filters.
inline constexpr int max_units = 1 << 20;
// kernel_size, strides, UpSampling2D size: each extent.
inline constexpr int max_window = 1 << 10;
// One extent of a Shape (input, Reshape target).
inline constexpr long long max_extent = 1 << 24;
// Values in one layer's output, and in one weight tensor.
inline constexpr std::size_t max_tensor_values = std::size_t(1) << 28;
// Values in all the weights of a model.
inline constexpr std::size_t max_model_weights = std::size_t(1) << 30;
// Values all the constants an ONNX graph computes may hold together
// (ConstantOfShape, Range, Concat, Slice...: shapes, pads and small tables).
// The file's size bounds its initializers, not these: a few bytes of
// ConstantOfShape can ask for any size.
inline constexpr std::size_t max_computed_constant_values = std::size_t(1) << 24;
// Layers in a model, nesting depth of models inside models.
inline constexpr std::size_t max_layers = 4096;
inline constexpr int max_model_depth = 16;
// An ONNX file: protobuf's own limit, 2 GiB.
inline constexpr std::size_t max_onnx_bytes = (std::size_t(1) << 31) - 1;
// A JSON file (model.json, Keras JSON, an .h5's model_config).
inline constexpr std::size_t max_json_bytes = std::size_t(64) << 20;

}  // namespace ganforge::import_limits
