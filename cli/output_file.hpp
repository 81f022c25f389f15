// A file a command writes (`--output`, `--png`): opened for writing, or one
// ganforge::Error naming the file and why it cannot be (its folder missing,
// a folder in its place, or what the system says).
#pragma once

#include <filesystem>
#include <fstream>

namespace ganforge::cli {

std::ofstream open_output(const std::filesystem::path& path, std::ios::openmode mode = std::ios::out);

}  // namespace ganforge::cli
