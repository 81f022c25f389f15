#include "output_file.hpp"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>

namespace ganforge::cli {

std::ofstream open_output(const std::filesystem::path& path, std::ios::openmode mode) {
    std::ofstream out(path, mode | std::ios::out | std::ios::trunc);
    if (out) return out;
    const int error = errno;
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    std::string why;
    if (!fs::is_directory(folder, ec)) why = fmt::format("its folder {} does not exist", folder.string());
    else if (fs::is_directory(path, ec)) why = "it is a folder";
    else why = std::strerror(error);
    throw Error(fmt::format("{}: cannot open for writing: {}", path.string(), why));
}

}  // namespace ganforge::cli
