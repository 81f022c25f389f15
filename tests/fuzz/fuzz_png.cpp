// Fuzz target: a PNG, as bytes, read as `ganforge predict --image` reads one,
// as gray and as RGB. Damaged chunks, absurd sizes and truncated data all
// end in one ganforge::Error.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include <ganforge/readers/png_file.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::string_view origin = "fuzz.png";
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    for (std::size_t channels : {1u, 3u})
        fuzz::expect_only_errors(origin, [&] { (void)ganforge::decode_png(bytes, channels, std::string(origin)); });
    return 0;
}
