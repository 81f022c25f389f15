// What denormal numbers cost. On x86 an operation whose input or
// result is denormal may take a microcode assist, 100 cycles and more, so a
// network fed tiny values could slow down by orders of magnitude. TensorFlow
// avoids it by setting flush-to-zero and denormals-are-zero on its CPU
// threads; ganforge sets both for the duration of predict
// (core/flush_denormals.hpp), so these benchmarks show that a caller in
// either mode gets about the normal time.
//
// BM_denormals/<engine>/<case>/<mxcsr>: mnist_gen at batch 1 where
// - engine: interpreter, or generated_<isa> for each path this CPU runs;
// - case: normal (the report's weights and inputs); denormal_inputs (inputs
//   scaled by 1e-39: with Keras' zero biases every activation of the network
//   is then denormal); denormal_weights (every kernel scaled by 1e-39);
// - mxcsr: the caller's mode: ieee (as a thread starts: denormals computed) or ftz_daz.
#include "bench/model_benchmarks.hpp"

#include <pmmintrin.h>
#include <xmmintrin.h>

#include <functional>
#include <memory>
#include <ranges>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bench/bench_models.hpp"
#include "bench/generated_net.hpp"
#include "bench/model_data.hpp"
#include <ganforge/core/error.hpp>
#include <ganforge/runtime/interpreter.hpp>

namespace ganforge::bench {
namespace {

constexpr std::string_view model_name = "mnist_gen";
constexpr float denormal_scale = 1e-39f;  // FLT_MIN is 1.18e-38

const BenchModel& denormal_model() {
    for (const BenchModel& m : bench_models)
        if (m.name == model_name) return m;
    throw Error(fmt::format("bench model {} is missing", model_name));
}

enum class Case { normal, denormal_inputs, denormal_weights };
constexpr std::string_view case_names[] = {"normal", "denormal_inputs", "denormal_weights"};

using Predict = std::function<void(const std::vector<float>& input, std::vector<float>& output)>;
// Builds an engine's predict from weights.
using EngineMaker = std::function<Predict(const WeightStore&)>;

WeightStore with_denormal_kernels(const WeightStore& weights) {
    WeightStore w = weights;
    for (const WeightEntry& e : w.entries())
        if (e.tensor.role == WeightRole::kernel)
            for (float& v : w.tensor(e)) v *= denormal_scale;
    return w;
}

void run_case(benchmark::State& state, const EngineMaker& make, Case c, bool flush) {
    const BenchModel& model = denormal_model();
    const WeightStore& normal_weights = model_weights(model);
    const Predict predict = make(c == Case::denormal_weights ? with_denormal_kernels(normal_weights) : normal_weights);
    std::vector<float> input = model_inputs(model, 1).front();
    if (c == Case::denormal_inputs)
        for (float& v : input) v *= denormal_scale;
    std::vector<float> output(normal_weights.model().output_shape().size());

    const unsigned saved = _mm_getcsr();
    if (flush) _mm_setcsr(saved | _MM_FLUSH_ZERO_ON | _MM_DENORMALS_ZERO_ON);
    for (auto _ : state) {
        predict(input, output);
        benchmark::ClobberMemory();
    }
    _mm_setcsr(saved);
    state.counters["images_per_second"] = benchmark::Counter(1.0, benchmark::Counter::kIsIterationInvariantRate);
}

void register_engine(const std::string& engine, const EngineMaker& make) {
    for (const Case c : {Case::normal, Case::denormal_inputs, Case::denormal_weights})
        for (const bool flush : {false, true})
            benchmark::RegisterBenchmark(
                fmt::format("BM_denormals/{}/{}/{}", engine, case_names[int(c)], flush ? "ftz_daz" : "ieee").c_str(),
                [make, c, flush](benchmark::State& s) { run_case(s, make, c, flush); })
                ->Unit(benchmark::kMicrosecond);
}

}  // namespace

void register_denormal_benchmarks() {
    register_engine("interpreter", [](const WeightStore& w) -> Predict {
        auto net = std::make_shared<InterpreterCore>(w);
        return [net](const std::vector<float>& in, std::vector<float>& out) {
            const std::span<const float> inputs[] = {in};
            net->predict(inputs, out, 1);
        };
    });
    if (!has_generated_net(model_name)) return;
    for (const Isa isa : all_isas | std::views::reverse) {  // widest first
        if (!cpu_supports(isa)) continue;
        register_engine(fmt::format("generated_{}", isa_name(isa)), [isa](const WeightStore& w) -> Predict {
            std::shared_ptr<GeneratedNet> net = make_generated_net(model_name, w, isa);
            return [net](const std::vector<float>& in, std::vector<float>& out) {
            const std::span<const float> inputs[] = {in};
            net->predict(inputs, out, 1);
        };
        });
    }
}

}  // namespace ganforge::bench
