#include <ganforge/runtime/model_file.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>
#include <ganforge/runtime/file_bytes.hpp>
#include <ganforge/runtime/hdf5_file.hpp>
#include <ganforge/runtime/import_limits.hpp>
#include <ganforge/runtime/keras_archive.hpp>
#include <ganforge/runtime/keras_h5.hpp>
#include <ganforge/runtime/load_weights.hpp>
#include <ganforge/runtime/model_file_kind.hpp>
#include <ganforge/runtime/weight_matching.hpp>

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

}  // namespace

KerasModel read_model_config(const std::filesystem::path& path) {
    return naming_file(path, [&] {
        switch (model_file_kind(path)) {
            case ModelFileKind::hdf5: return keras_h5_model(Hdf5File::open(path));
            case ModelFileKind::keras_archive: return keras_archive_model(ZipArchive::open(path));
            case ModelFileKind::json: break;
        }
        return parse_model_json(read_file_text(path, import_limits::max_json_bytes), path.string());
    });
}

ModelWithWeights read_model_with_weights(const std::filesystem::path& path) {
    KerasModel model = read_model_config(path);
    const WeightFile file = naming_file(path, [&] { return read_weight_file(path, model.spec); });
    WeightStore weights(model.spec);
    fill_weights(weights, file);
    return {std::move(model), std::move(weights)};
}

}  // namespace ganforge
