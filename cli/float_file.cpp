#include "float_file.hpp"

#include <bit>
#include <cstdint>
#include <fstream>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include "readers/file_bytes.hpp"

#include "output_file.hpp"

namespace ganforge::cli {

std::vector<float> read_float32_file(const std::filesystem::path& path, std::size_t max_values) {
    const std::vector<std::byte> bytes = read_file_bytes(path, max_values * 4);
    if (bytes.size() % 4 != 0)
        throw Error(fmt::format("{}: {} bytes is not a whole number of float32 values", path.string(), bytes.size()));
    std::vector<float> values(bytes.size() / 4);
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::uint32_t v = 0;
        for (std::size_t b = 0; b < 4; ++b) v |= std::uint32_t(bytes[4 * i + b]) << (8 * b);
        values[i] = std::bit_cast<float>(v);
    }
    return values;
}

void write_float32_file(const std::filesystem::path& path, std::span<const float> values) {
    std::vector<char> bytes(values.size() * 4);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto v = std::bit_cast<std::uint32_t>(values[i]);
        for (std::size_t b = 0; b < 4; ++b) bytes[4 * i + b] = char((v >> (8 * b)) & 0xffu);
    }
    std::ofstream out = open_output(path, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out.flush()) throw Error(fmt::format("{}: cannot write", path.string()));
}

}  // namespace ganforge::cli
