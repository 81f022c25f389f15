#include "bench/output_check.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace ganforge::bench {
namespace {

// "image 3, (y 12, x 40, channel 2)" or "image 3, element 17".
std::string where(std::size_t index, const Shape& shape) {
    const std::size_t image = index / shape.size(), at = index % shape.size();
    if (!shape.is_image()) return fmt::format("image {}, element {}", image, at);
    const std::size_t c = at % shape.channels(), pixel = at / shape.channels();
    return fmt::format("image {}, (y {}, x {}, channel {})", image, pixel / shape.width(),
                       pixel % shape.width(), c);
}

}  // namespace

std::optional<std::string> disagreement(std::span<const float> ref, std::span<const float> out,
                                        const Shape& output_shape) {
    if (out.size() != ref.size())
        return fmt::format("it produced {} floats, the interpreter {}", out.size(), ref.size());
    float largest = 0.0f;
    for (float r : ref) largest = std::max(largest, std::fabs(r));
    const float tolerance = 1e-4f * std::max(1.0f, largest);
    std::size_t worst = 0;
    float worst_diff = 0.0f;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        const float d = std::fabs(out[i] - ref[i]);
        if (!(d <= worst_diff)) {  // also catches NaN
            worst = i;
            worst_diff = d;
            if (std::isnan(d)) break;
        }
    }
    if (worst_diff <= tolerance) return std::nullopt;
    return fmt::format("at {} it gives {} where the interpreter gives {} (|diff| {:.3g} > tolerance {:.3g})",
                       where(worst, output_shape), out[worst], ref[worst], worst_diff, tolerance);
}

}  // namespace ganforge::bench
