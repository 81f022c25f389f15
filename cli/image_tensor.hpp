// An 8-bit image as a model's input and a model's output as an 8-bit image:
// 0..255 mapped linearly onto the value range [low, high] and back
// (`ganforge predict --image ... --range LO,HI`).
#pragma once

#include <span>
#include <string>
#include <vector>

#include <ganforge/core/model_spec.hpp>
#include <ganforge/readers/png_file.hpp>

namespace ganforge::cli {

struct ValueRange {
    float low = 0.0f, high = 255.0f;
};

// "LO,HI" with LO < HI; anything else is a ganforge::Error naming `flag`.
ValueRange parse_value_range(const std::string& text, const std::string& flag);

// The range the model's output activation implies (tanh: -1..1, sigmoid:
// 0..1), else 0..255.
ValueRange default_value_range(const ModelSpec& model);

std::vector<float> to_values(const Image8& image, ValueRange range);
// Values outside the range are clipped to it; NaN becomes 0.
Image8 to_image(std::span<const float> values, std::size_t height, std::size_t width, std::size_t channels,
                ValueRange range);

}  // namespace ganforge::cli
