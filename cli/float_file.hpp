// Raw little-endian float32 files, as `ganforge predict` reads and writes
// them (NHWC, batch first, no header).
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <vector>

namespace ganforge::cli {

// The file's values; its size must be a multiple of 4 and at most max_values
// floats, else ganforge::Error naming the file.
std::vector<float> read_float32_file(const std::filesystem::path& path, std::size_t max_values);

void write_float32_file(const std::filesystem::path& path, std::span<const float> values);

}  // namespace ganforge::cli
