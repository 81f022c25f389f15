// Generator outputs as pictures: the value range an output activation implies,
// the mapping of values to 0..255, and a PNG holding the images as a grid.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include <ganforge/core/model_spec.hpp>

namespace ganforge::cli {

// tanh and hard_tanh outputs span [-1, 1], sigmoid and its hard and sparse
// forms [0, 1]; anything else is scaled from each image's own min..max.
enum class PixelRange { tanh, sigmoid, own };

// The activation that produced the model's output, looking through layers
// that keep the value range (Reshape, Flatten, Dropout, UpSampling2D).
PixelRange output_pixel_range(const ModelSpec& model);

// One image (height x width x channels floats) as 8-bit values.
std::vector<std::uint8_t> to_pixels(std::span<const float> image, PixelRange range);

// `count` images of shape (height, width, 1 or 3), back to back in `pixels`,
// laid out in a near-square grid with 2-pixel white gaps.
void write_png_grid(const std::filesystem::path& path, std::span<const std::uint8_t> pixels, std::size_t count,
                    const Shape& image_shape);

}  // namespace ganforge::cli
