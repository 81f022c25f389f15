// A Shape as text: its extents joined by a separator ("5, 5, 128",
// "5x5x128"), and through fmt in parentheses: "(5, 5, 128)", "(3200)". No
// batch axis: the summary adds Keras' "None" itself.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ganforge/core/shape.hpp>

namespace ganforge {

inline std::string shape_extents(const Shape& s, std::string_view separator) {
    const auto first = s.extents.begin();
    return fmt::format("{}", fmt::join(first, first + static_cast<std::ptrdiff_t>(s.rank()), separator));
}

}  // namespace ganforge

template <>
struct fmt::formatter<ganforge::Shape> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }

    template <typename FormatContext>
    auto format(const ganforge::Shape& s, FormatContext& ctx) const {
        return fmt::format_to(ctx.out(), "({})", ganforge::shape_extents(s, ", "));
    }
};
