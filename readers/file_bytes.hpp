// Reading a whole file with its size checked first: readers never trust a file
// to be small, and every failure names the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace ganforge {

// The file's size; an error if it is missing, not a regular file, or larger
// than `max_bytes`.
std::size_t checked_file_size(const std::filesystem::path& path, std::size_t max_bytes);

// The whole file, at most `max_bytes`.
std::vector<std::byte> read_file_bytes(const std::filesystem::path& path, std::size_t max_bytes);
std::string read_file_text(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace ganforge
