// ganforge::Model: a model type, a chain (Sequential<...>) or a graph
// (Functional<...>). Weights, the interpreter, the summary and the code
// generator take either.
#pragma once

#include <ganforge/dsl/functional.hpp>
#include <ganforge/dsl/sequential.hpp>

namespace ganforge {

template <typename T>
concept Model = is_sequential<T>::value || is_functional<T>::value;

}  // namespace ganforge
