#include "readers/file_bytes.hpp"

#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>

namespace ganforge {
namespace {

template <typename Buffer>
Buffer read_into(const std::filesystem::path& path, std::size_t max_bytes) {
    const std::size_t size = checked_file_size(path, max_bytes);
    Buffer buffer(size, typename Buffer::value_type{});
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(fmt::format("{}: cannot open for reading", path.string()));
    in.read(reinterpret_cast<char*>(buffer.data()), std::streamsize(size));
    if (std::size_t(in.gcount()) != size)
        throw Error(fmt::format("{}: read {} of its {} bytes", path.string(), in.gcount(), size));
    return buffer;
}

}  // namespace

std::size_t checked_file_size(const std::filesystem::path& path, std::size_t max_bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        throw Error(fmt::format("{}: no such file", path.string()));
    if (!std::filesystem::is_regular_file(status))
        throw Error(fmt::format("{}: not a regular file", path.string()));
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw Error(fmt::format("{}: cannot read its size ({})", path.string(), ec.message()));
    if (size > max_bytes)
        throw Error(fmt::format("{}: {} bytes is more than ganforge reads ({})", path.string(), size, max_bytes));
    return std::size_t(size);
}

std::vector<std::byte> read_file_bytes(const std::filesystem::path& path, std::size_t max_bytes) {
    return read_into<std::vector<std::byte>>(path, max_bytes);
}

std::string read_file_text(const std::filesystem::path& path, std::size_t max_bytes) {
    return read_into<std::string>(path, max_bytes);
}

}  // namespace ganforge
