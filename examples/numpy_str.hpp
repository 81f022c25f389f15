// numpy's str() of a 2-D array, so that the examples print their results as
// the tutorial's Python does:
//   [[1. 1. 2. 2.]
//    [1. 1. 2. 2.]]
// Floats follow numpy's default print options (precision 8, floatmode
// 'maxprec', suppress off): each value its shortest float32 repr, padded to
// align the decimal points; scientific notation when a nonzero magnitude is
// below 1e-4, reaches 1e8 or the largest is over 1000 times the smallest.
// Integers are right-aligned. Unlike numpy, long rows are not wrapped at 75
// characters.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace examples {

namespace numpy_detail {

inline std::string chars(float x, std::chars_format format, int precision = -1) {
    std::array<char, 64> buf{};
    const auto end = precision < 0 ? std::to_chars(buf.data(), buf.data() + buf.size(), x, format).ptr
                                   : std::to_chars(buf.data(), buf.data() + buf.size(), x, format,
                                                   precision).ptr;
    return {buf.data(), end};
}

// A float split as numpy's dragon4 prints it: integer part (with sign),
// fraction digits, and the exponent digits (scientific only, sign apart).
struct Parts {
    std::string integer, fraction, exponent_sign, exponent;
};

// Shortest round-trip digits with at most 8 after the point; trailing zeros
// trimmed (numpy's unique=True, precision=8, trim='.').
inline Parts positional(float x) {
    std::string s = chars(x, std::chars_format::fixed);
    if (const auto dot = s.find('.'); dot != std::string::npos && s.size() - dot - 1 > 8) {
        s = chars(x, std::chars_format::fixed, 8);
        s.erase(s.find_last_not_of('0') + 1);
    }
    const auto dot = s.find('.');
    if (dot == std::string::npos) return {s, "", "", ""};
    return {s.substr(0, dot), s.substr(dot + 1), "", ""};
}

inline Parts scientific(float x, int precision = -1) {
    const std::string s = chars(x, std::chars_format::scientific, precision);
    const auto e = s.find('e');
    const std::string mantissa = s.substr(0, e);
    const auto dot = mantissa.find('.');
    Parts p;
    p.integer = mantissa.substr(0, dot);
    if (dot != std::string::npos) p.fraction = mantissa.substr(dot + 1);
    p.exponent_sign = s.substr(e + 1, 1);
    p.exponent = s.substr(e + 2);
    return p;
}

inline std::string pad_left(std::string s, std::size_t width) {
    return std::string(width > s.size() ? width - s.size() : 0, ' ') + s;
}

inline std::string pad_right(std::string s, std::size_t width) {
    return s + std::string(width > s.size() ? width - s.size() : 0, ' ');
}

// numpy's FloatingFormat: decides the notation and the padding from all
// finite values, then prints each value to that layout.
inline std::vector<std::string> format_floats(std::span<const float> values) {
    std::vector<float> finite;
    float max_abs = 0.0f, min_abs = 0.0f;
    for (float v : values) {
        if (!std::isfinite(v)) continue;
        finite.push_back(v);
        const float a = std::fabs(v);
        if (a == 0.0f) continue;
        max_abs = std::max(max_abs, a);
        min_abs = min_abs == 0.0f ? a : std::min(min_abs, a);
    }
    const bool exponential =
        max_abs != 0.0f && (max_abs >= 1e8f || min_abs < 1e-4f || max_abs / min_abs > 1000.0f);

    std::size_t int_width = 0, frac_width = 0, exp_width = 0;
    for (float v : finite) {
        const Parts p = exponential ? scientific(v) : positional(v);
        int_width = std::max(int_width, p.integer.size());
        frac_width = std::max(frac_width, p.fraction.size());
        exp_width = std::max(exp_width, p.exponent.size());
    }
    // Positional values keep their own digits, padded to align; scientific
    // ones all get as many digits as the longest needs.
    auto print = [&](float v) {
        if (!exponential) {
            const Parts p = positional(v);
            return pad_left(p.integer, int_width) + "." + pad_right(p.fraction, frac_width);
        }
        const Parts p = scientific(v, static_cast<int>(frac_width));
        return pad_left(p.integer, int_width) + "." + p.fraction + "e" + p.exponent_sign +
               std::string(exp_width - p.exponent.size(), '0') + p.exponent;
    };
    const std::size_t width = int_width + 1 + frac_width + (exponential ? 2 + exp_width : 0);

    std::vector<std::string> out;
    for (float v : values) {
        if (std::isfinite(v))
            out.push_back(print(v));
        else
            out.push_back(pad_left(std::isnan(v) ? "nan" : v < 0 ? "-inf" : "inf",
                                   finite.empty() ? 0 : width));
    }
    return out;
}

template <typename T>
std::vector<std::string> format_integers(std::span<const T> values) {
    std::vector<std::string> out;
    std::size_t width = 0;
    for (T v : values) {
        out.push_back(std::to_string(v));
        width = std::max(width, out.back().size());
    }
    for (std::string& s : out) s = pad_left(std::move(s), width);
    return out;
}

}  // namespace numpy_detail

// `values` holds `rows` x `cols` elements, row-major.
template <typename T>
std::string numpy_str(std::span<const T> values, std::size_t rows, std::size_t cols) {
    std::vector<std::string> items;
    if constexpr (std::is_integral_v<T>)
        items = numpy_detail::format_integers(values);
    else
        items = numpy_detail::format_floats(std::span<const float>(values));
    std::string s = "[";
    for (std::size_t r = 0; r < rows; ++r) {
        s += r == 0 ? "[" : "\n [";
        for (std::size_t c = 0; c < cols; ++c) s += (c == 0 ? "" : " ") + items[r * cols + c];
        s += "]";
    }
    return s + "]";
}

}  // namespace examples
