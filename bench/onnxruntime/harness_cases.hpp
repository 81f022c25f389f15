// ONNX Runtime is timed by a Node harness (harness.mjs: its npm package
// carries the native library), not inside ganforge_bench. This is the C++
// side of that exchange: the files the harness reads (each model as ONNX,
// each batch's inputs in ONNX's layout, cases.json) and the merge of what it
// measured into the benchmark's JSON, every output first checked against the
// interpreter's, as inside the bench.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <ganforge/runtime/weight_store.hpp>

namespace ganforge::bench {

// The harness's cases, written one model at a time.
class HarnessCases {
public:
    explicit HarnessCases(std::filesystem::path dir);

    // DIR/<model>.onnx, and for each batch DIR/<model>.batch<n>.input_<k>.f32
    // (raw float32, ONNX's layout) from `inputs[batch]` (NHWC, as every engine
    // takes them).
    void add(const std::string& model, const WeightStore& weights,
             const std::vector<std::pair<std::size_t, std::vector<std::vector<float>>>>& inputs);

    // DIR/cases.json: every case added, each run on every count of `threads`;
    // and DIR/call_overhead.onnx, one float through an Identity node (a model
    // with no layers), which times a call through Node and the runtime.
    void finish(std::span<const std::size_t> threads) const;

private:
    std::filesystem::path dir_;
    std::vector<std::string> cases_;  // JSON objects
};

// What a merged row is checked and counted with.
struct ModelFacts {
    std::function<const std::vector<float>&(std::size_t batch)> reference;  // the interpreter's output, NHWC
    Shape output_shape;
    double macs = 0.0;  // per image, as the bench's GFLOPS counters count them
};

// Reads DIR/timings.json (harness.mjs's), checks each run's output (DIR, ONNX
// layout) against the interpreter's and appends BM_onnxruntime/<model>/
// batch:<n>[/threads:<t>] to RESULTS (Google Benchmark's JSON), each run's
// repetitions and their median, with the bench's counters; a run that failed
// or disagrees gets an error row. The versions and the measured call overhead
// go to its context. Returns the rows that were not timed, with why.
std::vector<std::string> merge_timings(const std::filesystem::path& dir, const std::filesystem::path& results,
                                       const std::function<ModelFacts(const std::string& model)>& facts);

// Records in RESULTS' context that ONNX Runtime was not run, and why (the
// report lists it with the peers that were not built).
void record_not_run(const std::filesystem::path& results, const std::string& why);

}  // namespace ganforge::bench
