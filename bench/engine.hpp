// Engine: one way of running a model (the interpreter, the generated code, a
// peer library) at a fixed batch. Everything that is set-up — repacking
// weights, creating primitives or operators, converting the input to the
// engine's layout — happens in the factory; the benchmark times run() alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <ganforge/runtime/weight_store.hpp>

namespace ganforge::bench {

class Engine {
public:
    virtual ~Engine() = default;
    // One forward pass over the whole batch: the timed region.
    virtual void run() = 0;
    // The last run's output, batch first, NHWC (converted from the engine's
    // own layout): what the check compares with the interpreter.
    virtual std::vector<float> output_nhwc() const = 0;
    // Shown next to the figures: the generated code's SIMD path, say.
    virtual std::string label() const { return {}; }
    // The multiply-adds per image its code executes, when the engine knows
    // them and they may differ from the model's: the generated code computes
    // a chain of affine layers as one matrix, so it can execute fewer.
    virtual std::optional<std::uint64_t> executed_macs() const { return std::nullopt; }
};

// The model's inputs: one span per input, in input order, each `batch`
// images, batch first, NHWC.
using Inputs = std::span<const std::span<const float>>;

// Copies of the inputs, for an engine that keeps its own.
inline std::vector<std::vector<float>> copy_inputs(Inputs inputs) {
    std::vector<std::vector<float>> copies;
    for (std::span<const float> in : inputs) copies.emplace_back(in.begin(), in.end());
    return copies;
}

// Builds an engine for `weights.model()` over `inputs`, each run spread over
// `threads` (the peer's own thread pool). Throws ganforge::Error if the
// engine cannot express a layer.
using EngineFactory = std::unique_ptr<Engine> (*)(const WeightStore& weights, Inputs inputs, std::size_t batch,
                                                  std::size_t threads);

}  // namespace ganforge::bench
