// The benchmark JSON (Google Benchmark's --benchmark_out) read into what the
// report shows: per engine, model and batch the median time and counters, the
// generated code's steps, the measured peak and the run's context.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ganforge::report {

// One benchmark: the median over its repetitions (or its one run).
struct Figure {
    double ms = 0.0;  // CPU time per iteration (one forward pass over the batch); wall time when threaded
    double gflops = 0.0;
    double images_per_second = 0.0;
    double gbps = 0.0;   // BM_stream: GB/s read
    double bytes = 0.0;  // a generated step: the least it moves between memory and the core per call
    // The multiply-adds per image the engine's code executed, when it
    // recorded them (the generated code: its steps'); GFLOPS counts the
    // model's as declared.
    std::optional<std::uint64_t> executed_macs;
    std::string label;
    std::string error;  // set when the benchmark was skipped (its check failed)
};

// BM_<engine>/<model>/batch:<n>
struct EngineRun {
    std::string engine, model;
    std::size_t batch = 0;
    Figure figure;
};

// BM_<engine>/<model>/batch:<n>/threads:<t>: one call spread over t threads
struct ThreadedRun {
    std::string engine, model;
    std::size_t batch = 0, threads = 1;
    Figure figure;
};

// BM_generated_step/<model>/<index>:<name>/batch:<n>
struct Step {
    std::string model;
    std::size_t index = 0;
    std::string name;
    std::size_t batch = 0;
    Figure figure;
};

// BM_denormals/<engine>/<case>/<mxcsr>
struct DenormalRun {
    std::string engine, input_case, mxcsr;
    Figure figure;
};

struct Results {
    std::map<std::string, std::string, std::less<>> context;  // string-valued context fields
    std::optional<Figure> peak;                                // BM_peak_fma
    std::optional<Figure> stream;                              // BM_stream
    std::vector<EngineRun> runs;                                     // in the order they ran
    std::vector<ThreadedRun> threaded;
    std::vector<Step> steps;
    std::vector<DenormalRun> denormals;
    std::size_t repetitions = 1;

    const EngineRun* find(std::string_view engine, std::string_view model, std::size_t batch) const;
    const ThreadedRun* find(std::string_view engine, std::string_view model, std::size_t batch,
                            std::size_t threads) const;
    std::vector<std::string> engines() const;  // in the order they first ran
    std::vector<std::string> models() const;
    std::vector<std::size_t> batches(std::string_view model) const;  // the model's, ascending
    // The context value, or `fallback` when absent.
    std::string context_or(std::string_view key, std::string_view fallback) const;
};

// A model's multiply-adds per image as the bench counted them (context
// "macs_<model>": every transposed-convolution tap, and only those landing
// inside the output), if recorded.
struct ModelMacs {
    std::uint64_t all = 0, inside_output = 0;
};
std::optional<ModelMacs> model_macs(const Results& results, std::string_view model);

// Throws ganforge::Error naming the problem if `json` is not Google
// Benchmark's JSON output.
Results read_results(std::string_view json);

}  // namespace ganforge::report
