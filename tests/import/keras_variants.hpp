// A reference case's model written the ways Keras writes models, for tests:
// the tfjs modelTopology of a reference case turned into what tf.keras 2.x
// and Keras 3 put in `to_json()` / an .h5's model_config (Sequential, a
// functional Model, a Model wrapping the Sequential), and its weights into the
// HDF5 layouts of keras_h5_writer.hpp.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "keras_h5_writer.hpp"
#include "zip_writer.hpp"

namespace keras_variants {

nlohmann::json tfjs_topology(const std::filesystem::path& model_json);

// tf.keras 2.x (as in the anime64 model's model.h5): a leading
// InputLayer with batch_input_shape, BatchNormalization axis as a list.
nlohmann::json tf_keras2(const nlohmann::json& topology);
// Keras 3: module / registered_name / build_config, DTypePolicy objects,
// InputLayer batch_shape, LeakyReLU negative_slope.
nlohmann::json keras3(const nlohmann::json& topology);
// The same layers as a functional model, in the node format of each.
nlohmann::json functional_keras2(const nlohmann::json& topology);
nlohmann::json functional_keras3(const nlohmann::json& topology);
// A functional Model whose one layer is the Sequential, named "generator".
nlohmann::json wrapped_sequential(const nlohmann::json& topology);
// The same as Keras 3 writes it (keras3()'s Sequential inside a Functional).
nlohmann::json wrapped_keras3(const nlohmann::json& topology);

// A functional reference case (refcases-graph) as tf.keras 2.x
// writes it (class Functional) and as Keras 3 writes it: InputLayer
// batch_shape, module-wrapped layers, each call's tensors as
// __keras_tensor__ `args` (a merge's as one list).
nlohmann::json graph_keras2(const nlohmann::json& topology);
nlohmann::json graph_keras3(const nlohmann::json& topology);

// The case's weights (read from its model.json) as h5 layers of `style`.
test_h5::File h5_file(const std::filesystem::path& model_json, test_h5::Style style);
// wrapped_sequential's .h5: one "generator" group holding every layer's
// weights, trainable ones first, as tf.keras saves a nested model.
test_h5::File wrapped_h5_file(const std::filesystem::path& model_json);
// A functional case as tf.keras 2.x saves it: graph_keras2's model_config and
// each layer's weights in its group.
test_h5::File graph_h5_file(const std::filesystem::path& model_json);

// Keras 3's saving layout of `config` (keras3(), functional_keras3(),
// wrapped_keras3() or graph_keras3() of the case): every layer but the
// InputLayers, in the config's order, at layers/<snake case of its
// class>[_<k>] as Keras' saving code names it (a nested model's layers under
// its own path + /layers), its tensors in the layer's weights order.
test_h5::File keras3_saving_file(const std::filesystem::path& model_json, const nlohmann::json& config);

// A Keras 3 .keras archive: metadata.json, `config` as config.json and the
// HDF5 file `weights_h5` as model.weights.h5; tf.keras 2.13 to 2.15 write
// the same with their own version.
void write_keras_archive(const std::filesystem::path& path, const nlohmann::json& config,
                         const std::filesystem::path& weights_h5, const std::string& keras_version = "3.3.3");

}  // namespace keras_variants
