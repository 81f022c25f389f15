// Keras 3's own weights layout: the model.weights.h5 of a .keras archive and
// the .weights.h5 of model.save_weights. Each layer's variables are datasets
// vars/0, vars/1, ... in the order of the layer's weights, under a path the
// saving code derives from the layer's class, not from its name:
// layers/<class in snake case> for the first layer of a class in the model's
// layer order, then <...>_1, _2 for the next ones (tf.keras 2.13 to 2.15 put
// the same under _layer_checkpoint_dependencies/). Keras' snake case of a
// class is the layer's name stem (`conv2d_transpose`, `leaky_re_lu`), so the
// paths follow from the model alone.
#pragma once

#include <span>
#include <string>

#include <ganforge/core/model_spec.hpp>
#include "readers/hdf5_file.hpp"
#include <ganforge/readers/weight_file.hpp>

namespace ganforge {

// True if the file has Keras 3's layout (its layers under layers/ or
// _layer_checkpoint_dependencies/).
bool is_keras3_weights(const Hdf5File& file);

// The tensors of every layer of `model` that has weights, named
// "<path>/<role>" in the layer's get_weights() order and filed under the
// model's layer names, ready for fill_weights (which checks the shapes). A
// missing group or variable, or a variable the layer does not have, is an
// error naming the path. `paths`: each layer's saving path (from its Keras
// config, KerasModel::saving_paths); when empty they are derived from the
// layers' kinds in the model's order, which is all a bare .weights.h5 has.
// `notes`: KerasModel::layer_notes, which messages about a layer add; a layer
// read through ReadOptions::custom_layers that has no weights must have none
// in the file either.
WeightFile keras3_weights(const Hdf5File& file, const ModelSpec& model, std::span<const std::string> paths = {},
                          std::span<const std::string> notes = {});

}  // namespace ganforge
