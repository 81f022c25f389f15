#include <ganforge/readers/load_weights.hpp>

#include "readers/hdf5_file.hpp"
#include "readers/keras3_weights.hpp"
#include "readers/keras_archive.hpp"
#include "readers/keras_h5.hpp"
#include <ganforge/readers/model_file.hpp>
#include "readers/model_file_kind.hpp"
#include "readers/tfjs_model.hpp"
#include "readers/weight_matching.hpp"

namespace ganforge {

WeightFile read_weight_file(const std::filesystem::path& path, const ModelSpec& model, const ReadOptions& options) {
    switch (model_file_kind(path)) {
        case ModelFileKind::keras_archive: {
            // The archive's own config says which layer each weights path is
            // (by class and order); the tensors then go by the layers' names.
            // Its weights do not depend on its inputs' unknown extents.
            ReadOptions any_size = options;
            any_size.probe_unknown_extents = true;
            const ZipArchive archive = ZipArchive::open(path);
            return keras_archive_weights(archive, keras_archive_model(archive, any_size));
        }
        case ModelFileKind::hdf5: {
            const Hdf5File file = Hdf5File::open(path);
            return is_keras3_weights(file) ? keras3_weights(file, model) : keras_h5_weights(file);
        }
        case ModelFileKind::onnx: return weight_file_of(read_model_with_weights(path, options).weights, path.string());
        case ModelFileKind::json: break;
    }
    return read_tfjs_weights(path);
}

void load_weights_into(WeightStore& store, const std::filesystem::path& path, const ReadOptions& options) {
    fill_weights(store, read_weight_file(path, store.model(), options));
}

}  // namespace ganforge
