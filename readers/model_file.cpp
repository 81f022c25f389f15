#include <ganforge/readers/model_file.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>
#include "readers/file_bytes.hpp"
#include "readers/hdf5_file.hpp"
#include "runtime/import_limits.hpp"
#include "readers/keras_archive.hpp"
#include "readers/keras_h5.hpp"
#include "readers/model_file_kind.hpp"
#include "readers/onnx_model.hpp"
#include "readers/tfjs_model.hpp"
#include "readers/weight_matching.hpp"

namespace ganforge {

namespace {

// The readers check every value they use; a JSON library error that still
// escapes is reported against the file.
template <typename F>
auto naming_file(const std::filesystem::path& path, F read) {
    try {
        return read();
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("{}: malformed model file ({})", path.string(), e.what()));
    }
}

ModelWithWeights read_onnx_file(const std::filesystem::path& path, const ReadOptions& options) {
    const std::vector<std::byte> bytes = read_file_bytes(path, import_limits::max_onnx_bytes);
    return read_onnx_model(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path.string(),
                           options);
}

}  // namespace

KerasModel read_model_config(const std::filesystem::path& path, const ReadOptions& options) {
    return naming_file(path, [&] {
        switch (model_file_kind(path)) {
            case ModelFileKind::hdf5: return keras_h5_model(Hdf5File::open(path), options);
            case ModelFileKind::keras_archive: return keras_archive_model(ZipArchive::open(path), options);
            case ModelFileKind::onnx: return read_onnx_file(path, options).model;
            case ModelFileKind::json: break;
        }
        return parse_model_json(read_file_text(path, import_limits::max_json_bytes), path.string(), options);
    });
}

// Each file is opened and its config parsed once: the same model gives the
// weights' layout (a .keras's paths come from its config).
ModelWithWeights read_model_with_weights(const std::filesystem::path& path, const ReadOptions& options) {
    auto with_weights = [](KerasModel model, const WeightFile& file) {
        WeightStore weights(model.spec);
        fill_weights(weights, file, model.layer_notes);
        return ModelWithWeights{std::move(model), std::move(weights)};
    };
    return naming_file(path, [&] {
        switch (model_file_kind(path)) {
            case ModelFileKind::hdf5: {
                const Hdf5File file = Hdf5File::open(path);
                KerasModel model = keras_h5_model(file, options);
                return with_weights(std::move(model), keras_h5_weights(file));
            }
            case ModelFileKind::keras_archive: {
                const ZipArchive archive = ZipArchive::open(path);
                KerasModel model = keras_archive_model(archive, options);
                return with_weights(std::move(model), keras_archive_weights(archive, model));
            }
            case ModelFileKind::onnx: return read_onnx_file(path, options);
            case ModelFileKind::json: break;
        }
        KerasModel model =
            parse_model_json(read_file_text(path, import_limits::max_json_bytes), path.string(), options);
        return with_weights(std::move(model), read_tfjs_weights(path));
    });
}

}  // namespace ganforge
