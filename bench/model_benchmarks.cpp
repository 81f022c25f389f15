#include "bench/model_benchmarks.hpp"

#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bench/bench_inputs.hpp"
#include "bench/bench_models.hpp"
#include "bench/engines.hpp"
#include "bench/model_data.hpp"
#include "bench/model_macs.hpp"
#include "bench/output_check.hpp"
#include "bench/spread_threads.hpp"

namespace ganforge::bench {
namespace {

bool check_failed = false;

// One engine on one model and batch, set up and checked once however many
// times Google Benchmark calls the benchmark (it does per repetition).
struct Prepared {
    std::string engine, model;
    std::size_t batch = 0, threads = 1;
    std::unique_ptr<Engine> runner;
    std::string error;  // why it is not timed
};

Prepared& prepare(std::string_view engine, const BenchModel& model, std::size_t batch, std::size_t threads) {
    static Prepared current;
    if (current.engine == engine && current.model == model.name && current.batch == batch &&
        current.threads == threads)
        return current;
    current = Prepared{std::string(engine), std::string(model.name), batch, threads, nullptr, {}};
    try {
        const WeightStore& weights = model_weights(model);
        current.runner =
            make_engine(engine, model.name, weights, spans_of(model_inputs(model, batch)), batch, threads);
        // The interpreter is the reference; every other engine must agree with it.
        if (engine != "interpreter") {
            current.runner->run();
            if (auto why = disagreement(reference_output(model, batch), current.runner->output_nhwc(),
                                        weights.model().output_shape()))
                current.error = fmt::format("{} disagrees with the interpreter on {} batch {}: {}", engine,
                                            model.name, batch, *why);
        }
    } catch (const std::exception& e) {
        current.error = fmt::format("{} cannot run {} batch {}: {}", engine, model.name, batch, e.what());
    }
    if (!current.error.empty()) {
        current.runner.reset();
        check_failed = true;
        std::fprintf(stderr, "ganforge bench: %s; not timed.\n", current.error.c_str());
    }
    return current;
}

void run_model(benchmark::State& state, std::string_view engine, const BenchModel& model, std::size_t threads) {
    const auto batch = std::size_t(state.range(0));
    Prepared& p = prepare(engine, model, batch, threads);
    if (!p.runner) {
        state.SkipWithError(p.error.c_str());
        return;
    }
    for (auto _ : state) p.runner->run();
    // The interpreter's output is the reference the other engines are checked against.
    if (engine == "interpreter" && threads == 1) record_reference_output(model, batch, p.runner->output_nhwc());
    const double macs = double(model_macs(model_weights(model).model(), TransposedTaps::inside_output));
    state.counters["images_per_second"] = benchmark::Counter(double(batch), benchmark::Counter::kIsIterationInvariantRate);
    state.counters["GFLOPS"] = benchmark::Counter(2e-9 * macs * double(batch), benchmark::Counter::kIsIterationInvariantRate);
    // What the engine's code executes, beside the declared work GFLOPS counts:
    // the report's share of the peak reads it.
    if (const auto executed = p.runner->executed_macs()) state.counters["executed_macs"] = double(*executed);
    state.SetLabel(p.runner->label());
}

}  // namespace

void register_model_benchmarks() {
    const std::vector<std::size_t> threaded = spread_threads();
    for (const BenchModel& model : bench_models)
        for (const std::size_t batch : model.batches())
            for (const std::string_view engine : engine_names()) {
                if (!engine_runs(engine, model.name)) continue;
                const std::string name = fmt::format("BM_{}/{}", engine, model.name);
                benchmark::RegisterBenchmark(name.c_str(),
                                             [engine, &model](benchmark::State& s) { run_model(s, engine, model, 1); })
                    ->Arg(long(batch))
                    ->ArgName("batch")
                    ->Unit(benchmark::kMicrosecond);
                // Spread over threads: wall time (CPU time counts this thread only).
                for (const std::size_t t : threaded) {
                    if (!engine_runs(engine, model.name, t)) continue;
                    benchmark::RegisterBenchmark(name.c_str(), [engine, &model, t](benchmark::State& s) {
                        run_model(s, engine, model, t);
                    })
                        ->Args({long(batch), long(t)})
                        ->ArgNames({"batch", "threads"})
                        ->UseRealTime()
                        ->Unit(benchmark::kMicrosecond);
                }
            }
}

bool any_check_failed() { return check_failed; }

}  // namespace ganforge::bench
