// The weights and inputs every engine runs: the same for all, fixed by a seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <ganforge/runtime/weight_store.hpp>

namespace ganforge::bench {

// glorot_uniform kernels (as ganforge::glorot_uniform<M>(seed)), then biases,
// beta and moving_mean uniform in [-0.2, 0.2), gamma and moving_variance in
// [0.5, 1.5): with Keras' defaults (zeros and ones) folding a
// BatchNormalization would change nothing and a wrong fold would go unseen.
WeightStore benchmark_weights(const ModelSpec& model, std::uint64_t seed);

// `batch` inputs, uniform in [-1, 1), batch first, NHWC.
std::vector<float> benchmark_input(const ModelSpec& model, std::size_t batch, std::uint64_t seed);

}  // namespace ganforge::bench
