#include <ganforge/runtime/load_weights.hpp>

#include <ganforge/runtime/hdf5_file.hpp>
#include <ganforge/runtime/keras_h5.hpp>
#include <ganforge/runtime/model_file_kind.hpp>
#include <ganforge/runtime/tfjs_model.hpp>
#include <ganforge/runtime/weight_matching.hpp>

namespace ganforge {

WeightFile read_weight_file(const std::filesystem::path& path) {
    if (model_file_kind(path) == ModelFileKind::hdf5) return keras_h5_weights(Hdf5File::open(path));
    return read_tfjs_weights(path);
}

void load_weights_into(WeightStore& store, const std::filesystem::path& path) {
    fill_weights(store, read_weight_file(path));
}

}  // namespace ganforge
