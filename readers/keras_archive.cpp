#include "readers/keras_archive.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "readers/hdf5_file.hpp"
#include "runtime/import_limits.hpp"
#include "readers/keras3_weights.hpp"

namespace ganforge {
namespace {

// The weights file may hold every weight ganforge takes, plus HDF5's own
// structure.
constexpr std::size_t max_weights_bytes =
    import_limits::max_model_weights * sizeof(float) + import_limits::max_json_bytes;

std::string member_origin(const ZipArchive& archive, std::string_view member) {
    return fmt::format("{}: {}", archive.origin(), member);
}

}  // namespace

KerasModel keras_archive_model(const ZipArchive& archive, const ReadOptions& options) {
    std::string keras_version;
    if (archive.has("metadata.json")) {
        const nlohmann::json metadata = parse_json_text(archive.read_text("metadata.json", import_limits::max_json_bytes),
                                                        member_origin(archive, "metadata.json"));
        if (const auto v = metadata.find("keras_version"); metadata.is_object() && v != metadata.end() && v->is_string())
            keras_version = v->get<std::string>();
    }
    const std::string config = archive.read_text("config.json", import_limits::max_json_bytes);
    return parse_model_json(config, member_origin(archive, "config.json"), options, keras_version);
}

WeightFile keras_archive_weights(const ZipArchive& archive, const KerasModel& model) {
    const std::vector<std::byte> image = archive.read("model.weights.h5", max_weights_bytes);
    const Hdf5File file = Hdf5File::open_image(image, member_origin(archive, "model.weights.h5"));
    return keras3_weights(file, model.spec, model.saving_paths, model.layer_notes);
}

}  // namespace ganforge
