// Where an image's channels go in the float arrays a caller passes: last
// (NHWC, Keras and TensorFlow.js, the layout ganforge computes in) or second
// (NCHW, PyTorch and its ONNX files). Flat tensors read the same either way.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include <ganforge/core/shape.hpp>

namespace ganforge {

enum class TensorLayout { nhwc, nchw };

constexpr std::string_view layout_name(TensorLayout l) { return l == TensorLayout::nchw ? "nchw" : "nhwc"; }
std::optional<TensorLayout> parse_layout(std::string_view name);

// `batch` tensors of `shape` (ganforge's, channels last) from `from` into
// `to`, both of batch * shape.size() values: NCHW -> NHWC (to_channels_last)
// or back. A flat shape is copied as it is.
void to_channels_last(std::span<const float> from, std::span<float> to, const Shape& shape, std::size_t batch);
void to_channels_first(std::span<const float> from, std::span<float> to, const Shape& shape, std::size_t batch);

}  // namespace ganforge
