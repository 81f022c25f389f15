// Writes Keras HDF5 files the way Keras and h5py do, for tests (no Keras on
// these machines). See runtime/keras_h5.hpp for the layouts.
// - keras2: `model.save` of Keras 2.x with h5py 2 (Keras 2.2-2.3): strings as
//   fixed-length byte strings (numpy 'S', NULLPAD), weight names
//   `<layer>/<weight>:0`, datasets at `model_weights/<layer>/<layer>/kernel:0`;
// - keras2_weights: Keras 2 `save_weights`: the same at the root, no model_config;
// - keras3: Keras 3's legacy `model.save("x.h5")`: weight names are variable
//   paths under the model's name without `:0`
//   (`model_weights/dense/sequential/dense/kernel`), plus an empty
//   `top_level_model_weights` group;
// - keras3_saving: Keras 3's own layout (a .keras archive's model.weights.h5,
//   `save_weights("x.weights.h5")`): each Layer's name is its saving path
//   (`layers/conv2d_transpose_1`), its tensors datasets vars/0, vars/1, ...
//   in order; no model_config.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <ganforge/readers/weight_file.hpp>

namespace test_h5 {

enum class Style { keras2, keras2_weights, keras3, keras3_saving };

struct Layer {
    std::string name;
    // Tensors in the order Keras keeps them for this group; their names are
    // the variables' own names ("kernel", "moving_mean") unless `full_names`.
    std::vector<ganforge::FileTensor> tensors;
    bool full_names = false;  // tensor names are already the file's weight names
    bool last_unwritten = false;  // list the last tensor in weight_names but write no dataset (a broken file)
};

struct File {
    Style style = Style::keras2;
    std::string model_name = "sequential";
    std::string model_config;  // JSON; unused for keras2_weights
    std::vector<Layer> layers;
    bool split_layer_names = false;  // write layer_names as layer_names0, layer_names1
};

void write(const std::filesystem::path& path, const File& file);

// Replaces a dataset of an existing file by an external link to `target`
// (another file's /data).
void replace_with_external_link(const std::filesystem::path& path, const std::string& dataset,
                                const std::filesystem::path& target);

// Replaces a dataset of an existing file by int32 zeros of the same shape.
void replace_with_integers(const std::filesystem::path& path, const std::string& dataset);

}  // namespace test_h5
