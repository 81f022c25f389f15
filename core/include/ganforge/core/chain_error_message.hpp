// The runtime wording of a model's shape fault (shape_inference.hpp), for
// models read from files; the same facts the DSL's static_assert reports.
#pragma once

#include <string>

#include <ganforge/core/model_spec.hpp>
#include <ganforge/core/shape_inference.hpp>

namespace ganforge {

// "Reshape (layer 2, 'reshape_1'): target_shape holds 3175 values, its input 3200"
// `model` is the model as far as inference got: its names, and the shapes of
// the layers before the faulty one.
std::string chain_error_message(const ChainError& e, const ModelSpec& model);

}  // namespace ganforge
