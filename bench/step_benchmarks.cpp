// Each step of the generated code timed alone, so a slow layer shows.
#include "bench/model_benchmarks.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bench/generated_net.hpp"
#include "bench/model_data.hpp"
#include "bench/output_check.hpp"
#include <ganforge/codegen/support/network_support.hpp>

namespace ganforge::bench {
namespace {

// One model's generated network and, per batch, the activations entering
// each step (acts[s] is step s's input). For a chain of whole tensors they
// come from running the steps in order from the benchmark input, checked
// against predict's output; a graph's steps read tensors several steps
// back, slices and crops, so each step of a graph reads zeros (its time does
// not depend on the values; zero is a valid label).
struct StepData {
    std::string model;
    std::unique_ptr<GeneratedNet> net;
    std::map<std::size_t, std::vector<std::vector<float>>> acts;
    std::string error;
};

StepData& step_data(const BenchModel& model, std::size_t batch) {
    static StepData current;
    if (current.model != model.name) {
        current = StepData{std::string(model.name), make_generated_net(model.name, model_weights(model)), {}, {}};
    }
    if (current.acts.contains(batch)) return current;
    auto& acts = current.acts[batch];
    const GeneratedNet& net = *current.net;
    const ModelSpec& spec = model_weights(model).model();
    const bool chained = spec.is_chain() && std::none_of(spec.layers.begin(), spec.layers.end(), [](const LayerSpec& l) {
        return l.kind == LayerKind::zero_padding2d || l.kind == LayerKind::cropping2d;
    });
    if (!chained) {
        for (std::size_t s = 0; s < net.step_count(); ++s) acts.emplace_back(batch * net.step_input_size(s), 0.0f);
        return current;
    }
    // The first step reads the model input, and the last writes the output,
    // in the network's layout.
    const bool channels_first = net.layout() == TensorLayout::nchw;
    const std::vector<float>& input = model_inputs(model, batch).front();
    acts.push_back(input);
    if (channels_first) to_channels_first(input, acts.back(), spec.input_shapes.front(), batch);
    for (std::size_t s = 0; s < net.step_count(); ++s) {
        std::vector<float> out(batch * net.step_output_size(s));
        net.run_step(s, acts.back().data(), out.data(), batch);
        acts.push_back(std::move(out));
    }
    std::vector<float> output = acts.back();
    if (channels_first) to_channels_last(acts.back(), output, spec.output_shape(), batch);
    // The steps run one by one must give what predict gives (the interpreter's output).
    if (auto why = disagreement(reference_output(model, batch), output, spec.output_shape()))
        current.error = fmt::format("the generated steps of {} run one by one disagree with the interpreter: {}",
                                    model.name, *why);
    return current;
}

void run_step(benchmark::State& state, const BenchModel& model, std::size_t step) {
    const auto batch = std::size_t(state.range(0));
    StepData& d = step_data(model, batch);
    if (!d.error.empty()) {
        state.SkipWithError(d.error.c_str());
        return;
    }
    const GeneratedNet& net = *d.net;
    // Inside predict every step reads and writes the arena, 64-byte aligned
    // (on huge pages when large): the step gets the same here. A vector's
    // 16-byte alignment made the narrow convolutions' vector loads straddle
    // cache lines, so a step timed alone ran slower than inside predict.
    const std::vector<float>& acts = d.acts[batch][step];
    codegen::support::AlignedFloats in(acts.size()), out(batch * net.step_output_size(step));
    std::copy(acts.begin(), acts.end(), in.data());
    for (auto _ : state) {
        net.run_step(step, in.data(), out.data(), batch);
        benchmark::ClobberMemory();
    }
    state.counters["images_per_second"] = benchmark::Counter(double(batch), benchmark::Counter::kIsIterationInvariantRate);
    state.counters["GFLOPS"] = benchmark::Counter(2e-9 * double(net.step_macs(step)) * double(batch),
                                                  benchmark::Counter::kIsIterationInvariantRate);
    // The least a call moves between memory and the core (its weights, input
    // and output once each): the report's memory roof for the step.
    state.counters["bytes"] = double(sizeof(float)) *
        double(net.step_weights(step) + batch * (net.step_input_size(step) + net.step_output_size(step)));
    state.SetLabel(net.isa());
}

// A step name as one benchmark-name component: '/' separates components.
std::string name_component(std::string_view name) {
    std::string s(name);
    std::replace(s.begin(), s.end(), '/', '_');
    return s;
}

}  // namespace

void register_step_benchmarks() {
    for (const BenchModel& model : bench_models) {
        if (!has_generated_net(model.name)) continue;
        // The step table is static in the generated class; building one network reads it.
        const auto net = make_generated_net(model.name, model_weights(model));
        for (const std::size_t batch : model.batches())
            for (std::size_t s = 0; s < net->step_count(); ++s)
                benchmark::RegisterBenchmark(
                    fmt::format("BM_generated_step/{}/{}:{}", model.name, s, name_component(net->step_name(s))).c_str(),
                    [&model, s](benchmark::State& st) { run_step(st, model, s); })
                    ->Arg(long(batch))
                    ->ArgName("batch")
                    ->Unit(benchmark::kMicrosecond)
                    // A profile, not a figure compared between runs: one
                    // short run each keeps the main command's budget.
                    ->MinTime(0.1)
                    ->Repetitions(1);
    }
}

}  // namespace ganforge::bench
