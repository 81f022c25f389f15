// Prints a Shape through fmt as its extents in parentheses: "(5, 5, 128)",
// "(3200)". No batch axis: the summary adds Keras' "None" itself.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ganforge/core/shape.hpp>

template <>
struct fmt::formatter<ganforge::Shape> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }

    template <typename FormatContext>
    auto format(const ganforge::Shape& s, FormatContext& ctx) const {
        const auto first = s.extents.begin();
        return fmt::format_to(ctx.out(), "({})",
                              fmt::join(first, first + static_cast<std::ptrdiff_t>(s.rank()), ", "));
    }
};
