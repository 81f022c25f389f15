// The runtime wording of a chain fault (shape_inference.hpp), for models read
// from files; the same facts the DSL's static_assert reports.
#pragma once

#include <string>
#include <vector>

#include <ganforge/core/shape_inference.hpp>

namespace ganforge {

// "Reshape (layer 2, 'reshape_1'): target_shape holds 3175 values, its input 3200"
std::string chain_error_message(const ChainError& e, const std::vector<std::string>& layer_names);

}  // namespace ganforge
