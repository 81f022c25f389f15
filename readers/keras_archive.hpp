// Keras 3's .keras file, what model.save writes by default since Keras 3: a
// zip of config.json (the model's serialised config, read as any Keras
// config), metadata.json (keras_version) and model.weights.h5 (the weights in
// Keras 3's layout, keras3_weights.hpp). Errors name the file and the member.
#pragma once

#include <ganforge/core/model_spec.hpp>
#include "readers/keras_model_config.hpp"
#include <ganforge/readers/weight_file.hpp>
#include "readers/zip_archive.hpp"

namespace ganforge {

KerasModel keras_archive_model(const ZipArchive& archive, const ReadOptions& options = {});

// The weights of `model`, keras_archive_model's, from the archive: each
// layer's at the path its config gives it (nested models included).
WeightFile keras_archive_weights(const ZipArchive& archive, const KerasModel& model);

}  // namespace ganforge
