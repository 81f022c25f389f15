// A tensor shape without the batch axis: one extent (a flat vector), two (a
// sequence of vectors, as Embedding makes from a label) or three (height,
// width, channels; channels last, as Keras' default data_format).
#pragma once

#include <array>
#include <cstddef>

namespace ganforge {

struct Shape {
    // Public because a Shape is a structural type: it appears inside layer
    // values that are template arguments.
    std::array<std::size_t, 3> extents{};
    std::size_t extent_count = 0;

    constexpr Shape() = default;
    constexpr Shape(std::size_t n) : extents{n, 0, 0}, extent_count(1) {}
    constexpr Shape(std::size_t rows, std::size_t n) : extents{rows, n, 0}, extent_count(2) {}
    constexpr Shape(std::size_t h, std::size_t w, std::size_t c)
        : extents{h, w, c}, extent_count(3) {}

    static constexpr std::size_t max_rank = 3;

    constexpr std::size_t rank() const { return extent_count; }
    constexpr std::size_t operator[](std::size_t i) const { return extents[i]; }
    constexpr std::size_t size() const {
        std::size_t n = extent_count == 0 ? 0 : 1;
        for (std::size_t i = 0; i < extent_count; ++i) n *= extents[i];
        return n;
    }
    constexpr bool is_image() const { return extent_count == 3; }
    constexpr std::size_t height() const { return extents[0]; }
    constexpr std::size_t width() const { return extents[1]; }
    // The last axis: what Dense, BatchNormalization and convolutions act on.
    constexpr std::size_t channels() const {
        return extent_count == 0 ? 0 : extents[extent_count - 1];
    }
    constexpr bool has_zero_extent() const {
        for (std::size_t i = 0; i < extent_count; ++i)
            if (extents[i] == 0) return true;
        return extent_count == 0;
    }

    friend constexpr bool operator==(const Shape&, const Shape&) = default;
};

// A shape as rows x columns x channels, the way kernels walk a tensor: [c] is
// 1 x 1 x c, [w, c] is 1 x w x c.
struct Extents3 {
    std::size_t rows = 1, cols = 1, channels = 1;
};
constexpr Extents3 extents3(const Shape& s) {
    Extents3 e;
    if (s.rank() >= 1) e.channels = s[s.rank() - 1];
    if (s.rank() >= 2) e.cols = s[s.rank() - 2];
    if (s.rank() >= 3) e.rows = s[s.rank() - 3];
    return e;
}

}  // namespace ganforge
