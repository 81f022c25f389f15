// All the SIMD kernel sources of a generated network include from ganforge:
// functions compiled once without ISA flags, so that no inline function is
// compiled with AVX flags in one translation unit and linked into another.
#pragma once

#include <cstddef>

namespace ganforge::codegen::support {

// Keras' activation `activation` (a ganforge::Activation value) on `count`
// floats in place, with the interpreter's numerics (runtime/activation.hpp).
void activate_span(int activation, float* values, std::size_t count);

// Embedding `layer`'s table row for `label`, truncated as Keras casts it;
// ganforge::Error for a label outside [0, input_dim) or NaN, as the
// interpreter.
std::size_t embedding_row(float label, int input_dim, const char* layer);

}  // namespace ganforge::codegen::support
