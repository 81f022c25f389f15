// A layer's or an input's name as a value a template argument can hold:
// `"dense_1"` converts to it. Keras names are short; a longer one stops
// compilation.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace ganforge {

struct Name {
    static constexpr std::size_t capacity = 64;

    // Public because a Name is a structural type (a template argument).
    std::array<char, capacity> text{};
    std::size_t size = 0;

    constexpr Name() = default;
    template <std::size_t N>
    consteval Name(const char (&s)[N]) : size(N - 1) {
        static_assert(N <= capacity, "ganforge::Name: a layer or input name has at most 63 characters");
        for (std::size_t i = 0; i + 1 < N; ++i) text[i] = s[i];
    }

    constexpr std::string_view view() const { return {text.data(), size}; }
    constexpr bool empty() const { return size == 0; }
    friend constexpr bool operator==(const Name&, const Name&) = default;
};

}  // namespace ganforge
