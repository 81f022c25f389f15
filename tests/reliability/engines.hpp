// Every way ganforge runs a model, behind one interface, so the numerical
// edge-case tests check each of them against the same expectations: the
// interpreter (the reference) and, for a model with generated code, each
// SIMD path of it this machine runs.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/runtime/weights.hpp>

namespace reliability {

struct Engine {
    std::string name;  // "interpreter", "generated/avx2", ...
    std::function<void(std::span<const float> in, std::span<float> out, std::size_t batch)> predict;

    std::vector<float> run(std::span<const float> in, std::size_t batch, std::size_t out_size) const {
        std::vector<float> out(batch * out_size);
        predict(in, out, batch);
        return out;
    }
};

// Weights for a probe: glorot_uniform kernels and, unlike Keras' zeros,
// biases and BatchNormalization statistics drawn from a fixed sequence, so
// that no term of the arithmetic is trivially zero.
ganforge::WeightStore probe_weights(const ganforge::ModelSpec& model, std::uint64_t seed);

Engine interpreter_engine(const ganforge::WeightStore& weights);

}  // namespace reliability
