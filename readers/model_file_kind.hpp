// What a model file is, from its first bytes rather than its name: HDF5
// (Keras .h5 and .weights.h5), a zip archive (Keras 3's .keras), an ONNX
// protobuf (its first field, ir_version, is tag 0x08; JSON never starts so),
// or anything else, read as JSON.
#pragma once

#include <filesystem>

namespace ganforge {

enum class ModelFileKind { json, hdf5, keras_archive, onnx };

// Throws ganforge::Error for a missing file.
ModelFileKind model_file_kind(const std::filesystem::path& path);

}  // namespace ganforge
