// A model's shape fault (shape_inference.hpp) as the importer reports it, for
// models read from files: the fault's own text, the one the DSL's
// static_assert shows, after the layer's class, position and name.
#pragma once

#include <string>

#include <ganforge/core/model_spec.hpp>
#include <ganforge/core/shape_inference.hpp>

namespace ganforge {

// "Reshape (layer 2, 'reshape_1'): target_shape holds 3175 values, its input 3200"
// `model` is the model as far as inference got: its names.
std::string chain_error_message(const ChainError& e, const ModelSpec& model);

}  // namespace ganforge
