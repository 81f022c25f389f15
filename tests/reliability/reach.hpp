// Where a special value at one input position must show in a model's output,
// by TensorFlow's rules: every output whose computation reads that input,
// whatever the weight it is multiplied by (NaN * 0 is NaN in a matmul or a
// convolution), including bilinear taps whose interpolation weight is 0
// (tf.image.resize computes top + (bottom - top) * frac). Worked out from the
// layers' index arithmetic alone, independently of the interpreter.
#pragma once

#include <cstddef>
#include <vector>

#include <ganforge/core/model_spec.hpp>

namespace reliability {

// For one image: reached[i] is true for each output value the input value
// `position` reaches.
std::vector<bool> reach(const ganforge::ModelSpec& model, std::size_t position);

}  // namespace reliability
