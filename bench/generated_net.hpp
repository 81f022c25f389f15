// The generated networks (generated/, one class per example model), behind
// one interface so the benchmarks treat them like any other engine and can
// time their steps (the generated code's layers, after fusion) one by one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "bench/engine.hpp"
#include <ganforge/codegen/isa.hpp>
#include <ganforge/core/model_spec.hpp>
#include <ganforge/runtime/tensor_layout.hpp>
#include <ganforge/runtime/thread_pool.hpp>

namespace ganforge::bench {

class GeneratedNet {
public:
    virtual ~GeneratedNet() = default;
    virtual void predict(Inputs inputs, std::span<float> output, std::size_t batch) const = 0;
    virtual void predict(Inputs inputs, std::span<float> output, std::size_t batch,
                         const ParallelFor& parallel) const = 0;
    virtual const char* isa() const = 0;
    // How predict's images hold their values (the generated class' layout).
    virtual TensorLayout layout() const = 0;
    virtual std::size_t step_count() const = 0;
    virtual std::string_view step_name(std::size_t step) const = 0;
    virtual std::size_t step_input_size(std::size_t step) const = 0;   // floats per image
    virtual std::size_t step_output_size(std::size_t step) const = 0;  // floats per image
    virtual std::uint64_t step_macs(std::size_t step) const = 0;       // per image
    virtual std::uint64_t step_weights(std::size_t step) const = 0;    // weight floats read per call
    virtual void run_step(std::size_t step, const float* in, float* out, std::size_t batch) const = 0;
};

// The generated network of bench model `model` (bench_models.hpp) built from
// `weights`, or nullptr when its generated code is not part of this build. It
// runs `isa`'s path if given, else the one a user's network picks.
std::unique_ptr<GeneratedNet> make_generated_net(std::string_view model, const WeightStore& weights,
                                                 std::optional<Isa> isa = std::nullopt);
bool has_generated_net(std::string_view model);

// The generated network of `model` as an Engine (its predict() timed, each
// call spread over `threads`): the NHWC inputs converted to its layout once,
// its output back for the check.
std::unique_ptr<Engine> make_generated_engine(std::unique_ptr<GeneratedNet> net, const ModelSpec& model,
                                              Inputs inputs, std::size_t batch, std::size_t threads = 1);

}  // namespace ganforge::bench
