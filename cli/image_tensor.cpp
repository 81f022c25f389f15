#include "image_tensor.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>

#include "image_grid.hpp"

namespace ganforge::cli {

ValueRange parse_value_range(const std::string& text, const std::string& flag) {
    const auto comma = text.find(',');
    auto number = [&](const std::string& s, float& v) {
        char* end = nullptr;
        v = std::strtof(s.c_str(), &end);
        return !s.empty() && end == s.c_str() + s.size() && std::isfinite(v);
    };
    ValueRange r;
    if (comma == std::string::npos || !number(text.substr(0, comma), r.low) ||
        !number(text.substr(comma + 1), r.high) || !(r.low < r.high))
        throw Error(fmt::format("{} '{}': give the values 0 and 255 stand for as LO,HI with LO < HI (e.g. 0,1 or "
                                "-1,1)", flag, text));
    return r;
}

ValueRange default_value_range(const ModelSpec& model) {
    switch (output_pixel_range(model)) {
        case PixelRange::tanh: return {-1.0f, 1.0f};
        case PixelRange::sigmoid: return {0.0f, 1.0f};
        case PixelRange::own: break;
    }
    return {0.0f, 255.0f};
}

std::vector<float> to_values(const Image8& image, ValueRange range) {
    const float step = (range.high - range.low) / 255.0f;
    std::vector<float> values(image.pixels.size());
    std::transform(image.pixels.begin(), image.pixels.end(), values.begin(),
                   [&](std::uint8_t p) { return range.low + float(p) * step; });
    return values;
}

Image8 to_image(std::span<const float> values, std::size_t height, std::size_t width, std::size_t channels,
                ValueRange range) {
    const float scale = 255.0f / (range.high - range.low);
    Image8 image{height, width, channels, std::vector<std::uint8_t>(values.size())};
    std::transform(values.begin(), values.end(), image.pixels.begin(), [&](float v) {
        const float p = (v - range.low) * scale;
        return std::uint8_t(std::isnan(p) ? 0 : std::lround(std::clamp(p, 0.0f, 255.0f)));
    });
    return image;
}

}  // namespace ganforge::cli
