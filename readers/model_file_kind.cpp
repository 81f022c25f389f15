#include "readers/model_file_kind.hpp"

#include <array>
#include <fstream>
#include <limits>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include "readers/file_bytes.hpp"
#include "readers/hdf5_file.hpp"

namespace ganforge {

ModelFileKind model_file_kind(const std::filesystem::path& path) {
    checked_file_size(path, std::numeric_limits<std::size_t>::max());
    std::array<char, 4> head{};
    std::ifstream(path, std::ios::binary).read(head.data(), head.size());
    if (head == std::array<char, 4>{'P', 'K', '\x03', '\x04'}) return ModelFileKind::keras_archive;
    if (head[0] == '\x08') return ModelFileKind::onnx;
    return is_hdf5_file(path) ? ModelFileKind::hdf5 : ModelFileKind::json;
}

}  // namespace ganforge
