// ganforge::Weights<Model>: the weights of one model type, and
// glorot_uniform<Model>(seed), Keras' default initialisation.
#pragma once

#include <cstdint>

#include <ganforge/dsl/model.hpp>
#include <ganforge/runtime/weight_store.hpp>

namespace ganforge {

template <Model M>
class Weights : public WeightStore {
public:
    using model_type = M;
    Weights() : WeightStore(M::spec()) {}
    explicit Weights(WeightStore store) : WeightStore(std::move(store)) {}
};

// Keras-like initialisation: glorot_uniform kernels (limit sqrt(6 / (fan_in +
// fan_out))), embeddings uniform(-0.05, 0.05), zero biases and beta, gamma
// and moving_variance 1, moving_mean 0. The generator is fully specified (splitmix64), so the same seed gives the
// same weights on every machine and compiler.
void fill_glorot_uniform(WeightStore& weights, std::uint64_t seed);

template <Model M>
Weights<M> glorot_uniform(std::uint64_t seed) {
    Weights<M> w;
    fill_glorot_uniform(w, seed);
    return w;
}

}  // namespace ganforge
