// The check before timing: every engine's output must agree with the
// interpreter's, or its figures mean nothing.
#pragma once

#include <optional>
#include <span>
#include <string>

#include <ganforge/core/shape.hpp>

namespace ganforge::bench {

// Agreement is |out - ref| <= 1e-4 * max(1, max |ref|) everywhere. Returns
// nothing when they agree, else a message naming the worst element (image,
// position, channel), both values and the tolerance.
std::optional<std::string> disagreement(std::span<const float> ref, std::span<const float> out,
                                        const Shape& output_shape);

}  // namespace ganforge::bench
