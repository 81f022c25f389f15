#include "bench/report/colour_lightness.hpp"

#include <charconv>
#include <cmath>

namespace ganforge::report {

std::optional<double> lightness(std::string_view colour) {
    if (colour.size() != 7 || colour[0] != '#') return std::nullopt;
    double linear[3];
    for (int i = 0; i < 3; ++i) {
        unsigned value = 0;
        const char* first = colour.data() + 1 + 2 * i;
        if (std::from_chars(first, first + 2, value, 16).ptr != first + 2) return std::nullopt;
        const double c = value / 255.0;  // sRGB's transfer curve undone
        linear[i] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    }
    const double y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    return y > 216.0 / 24389.0 ? 116.0 * std::cbrt(y) - 16.0 : y * 24389.0 / 27.0;
}

}  // namespace ganforge::report
