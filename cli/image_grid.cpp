#include "image_grid.hpp"

#include <algorithm>
#include <cmath>

#include <ganforge/core/layer_types.hpp>
#include <ganforge/readers/png_file.hpp>

namespace ganforge::cli {

PixelRange output_pixel_range(const ModelSpec& model) {
    // From the output back through the layers whose values stay within their
    // input's range, to the activation that set it.
    const LayerSpec* l = model.layers.empty() ? nullptr : &model.layers.back();
    while (l != nullptr && keeps_value_range(*l)) {
        const TensorRef in = l->inbound[0];
        l = in.model_input ? nullptr : &model.layers[in.index];
    }
    if (l == nullptr || !applies_activation(*l)) return PixelRange::own;
    switch (l->activation) {
        case Activation::tanh:
        case Activation::hard_tanh: return PixelRange::tanh;
        case Activation::sigmoid:
        case Activation::hard_sigmoid:
        case Activation::hard_sigmoid_keras2:
        case Activation::sparse_sigmoid: return PixelRange::sigmoid;
        default: return PixelRange::own;  // a range of their own, or none
    }
}

std::vector<std::uint8_t> to_pixels(std::span<const float> image, PixelRange range) {
    float low = range == PixelRange::tanh ? -1.0f : 0.0f, high = 1.0f;
    if (range == PixelRange::own && !image.empty()) {
        const auto [lo, hi] = std::minmax_element(image.begin(), image.end());
        low = *lo, high = *hi;
    }
    const float scale = high > low ? 255.0f / (high - low) : 0.0f;
    std::vector<std::uint8_t> pixels(image.size());
    std::transform(image.begin(), image.end(), pixels.begin(), [&](float v) {
        const float p = (v - low) * scale;
        return std::uint8_t(std::isnan(p) ? 0 : std::lround(std::clamp(p, 0.0f, 255.0f)));
    });
    return pixels;
}

void write_png_grid(const std::filesystem::path& path, std::span<const std::uint8_t> pixels, std::size_t count,
                    const Shape& shape) {
    constexpr std::size_t gap = 2;
    const std::size_t h = shape[0], w = shape[1], c = shape[2];
    const std::size_t columns = std::size_t(std::ceil(std::sqrt(double(count))));
    const std::size_t rows = (count + columns - 1) / columns;
    const std::size_t width = columns * w + (columns - 1) * gap, height = rows * h + (rows - 1) * gap;
    Image8 grid{height, width, c, std::vector<std::uint8_t>(width * height * c, 255)};
    for (std::size_t n = 0; n < count; ++n) {
        const std::size_t top = (n / columns) * (h + gap), left = (n % columns) * (w + gap);
        for (std::size_t y = 0; y < h; ++y)
            std::copy_n(pixels.data() + (n * h + y) * w * c, w * c,
                        grid.pixels.data() + ((top + y) * width + left) * c);
    }
    write_png(path, grid);
}

}  // namespace ganforge::cli
