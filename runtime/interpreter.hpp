// The generic interpreter: runs any ModelSpec with runtime shapes. It is the
// numerical reference (Keras-Python's numerics) and the baseline generated
// code is measured against: plain loops in natural order, compiled once
// (-O3) for every model, nothing specialised per model.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>

#include <ganforge/runtime/weight_store.hpp>
#include <ganforge/runtime/weights.hpp>

namespace ganforge {

// The compiled, non-template core.
class InterpreterCore {
public:
    explicit InterpreterCore(WeightStore weights);

    const ModelSpec& model() const { return weights_.model(); }

    // input: batch x input_shape, output: batch x output_shape, float32 NHWC.
    // Wrong sizes throw ganforge::Error, as does an Embedding label outside
    // its table. Const and safe from many threads.
    void predict(std::span<const float> input, std::span<float> output,
                 std::size_t batch = 1) const;
    // A model with several inputs: one span per input, in the model's input
    // order (`predict({latent, label}, image, batch)`).
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const;
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const;

private:
    WeightStore weights_;
};

template <Model M>
class Interpreter {
public:
    explicit Interpreter(const Weights<M>& weights) : core_(weights) {}

    void predict(std::span<const float> input, std::span<float> output,
                 std::size_t batch = 1) const {
        core_.predict(input, output, batch);
    }
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const {
        core_.predict(inputs, output, batch);
    }
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const {
        core_.predict(inputs, output, batch);
    }

private:
    InterpreterCore core_;
};

}  // namespace ganforge
