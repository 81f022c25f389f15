// Padding that repeats the image's own values instead of zeros: reflect
// mirrors about the edge pixel without repeating it (a row a b c d padded by
// 2 is c b a b c d c b, numpy's and ONNX's `reflect`, TensorFlow's
// MirrorPad REFLECT), replicate repeats the edge pixel (ONNX's `edge`,
// PyTorch's ReplicationPad2d). Shared by the layers, the interpreter and the
// code generator.
#pragma once

#include <optional>
#include <string_view>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

enum class EdgeMode { reflect, replicate };

// The input index an output index `i` of a padded axis reads, `i` counted
// from the first input index (negative in the margin before), for an axis of
// `n` values.
constexpr long long edge_source(EdgeMode mode, long long i, long long n) {
    if (mode == EdgeMode::replicate) return i < 0 ? 0 : (i >= n ? n - 1 : i);
    if (i < 0) return -i;
    if (i >= n) return 2 * (n - 1) - i;
    return i;
}

namespace shape_rules {

// The padded image, or the fault: a negative margin, or (reflect) a margin
// as wide as its axis.
constexpr ShapeOutcome edge_padded(EdgeMode mode, const Margins& m, const Shape& in) {
    if (const auto problem = margins_fault("padding", m)) return *problem;
    const long long h = (long long)in[0], w = (long long)in[1];
    if (mode == EdgeMode::reflect && (m.top >= h || m.bottom >= h || m.left >= w || m.right >= w))
        return fault("padding ((", m.top, ", ", m.bottom, "), (", m.left, ", ", m.right,
                     ")) must be smaller than its input's height and width (", h, ", ", w, ") to reflect");
    return Shape{in[0] + std::size_t(m.top + m.bottom), in[1] + std::size_t(m.left + m.right), in[2]};
}

}  // namespace shape_rules
}  // namespace ganforge
