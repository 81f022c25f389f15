// The weights and inputs every engine runs: the same for all, fixed by a seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <ganforge/runtime/weight_store.hpp>

namespace ganforge::bench {

// glorot_uniform kernels (as ganforge::glorot_uniform<M>(seed)), then biases,
// beta and moving_mean uniform in [-0.2, 0.2), gamma and moving_variance in
// [0.5, 1.5): with Keras' defaults (zeros and ones) folding a
// BatchNormalization would change nothing and a wrong fold would go unseen.
WeightStore benchmark_weights(const ModelSpec& model, std::uint64_t seed);

// `batch` images of each model input, batch first, NHWC: uniform in [-1, 1),
// or integer labels in [0, input_dim) for an input an Embedding reads.
std::vector<std::vector<float>> benchmark_inputs(const ModelSpec& model, std::size_t batch, std::uint64_t seed);

// One span per input, as predict and the engines take them.
std::vector<std::span<const float>> spans_of(const std::vector<std::vector<float>>& inputs);

}  // namespace ganforge::bench
