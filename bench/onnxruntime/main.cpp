// ganforge_onnxruntime_cases: the C++ side of the ONNX Runtime peer
// (scripts/main.sh runs the three steps around harness.mjs).
//
//   ganforge_onnxruntime_cases write DIR            every bench model and batch as the harness's cases
//   ganforge_onnxruntime_cases merge DIR RESULTS    DIR/timings.json checked and appended to RESULTS
//   ganforge_onnxruntime_cases not-run RESULTS WHY  RESULTS records that ONNX Runtime did not run
//
// merge exits with status 1 when a run failed or disagreed with the
// interpreter (its row then says why), like ganforge_bench.
#include <cstdio>
#include <exception>
#include <string_view>

#include <fmt/format.h>

#include "bench/bench_models.hpp"
#include "bench/model_data.hpp"
#include "bench/model_macs.hpp"
#include "bench/onnxruntime/harness_cases.hpp"
#include "bench/spread_threads.hpp"
#include <ganforge/core/error.hpp>

namespace {

using namespace ganforge;
using namespace ganforge::bench;

const BenchModel& bench_model(const std::string& name) {
    for (const BenchModel& m : bench_models)
        if (m.name == name) return m;
    throw Error(fmt::format("no bench model named '{}'", name));
}

void write_cases(const std::filesystem::path& dir) {
    HarnessCases cases(dir);
    for (const BenchModel& m : bench_models) {
        std::vector<std::pair<std::size_t, std::vector<std::vector<float>>>> inputs;
        for (const std::size_t batch : m.batches()) inputs.emplace_back(batch, model_inputs(m, batch));
        cases.add(std::string(m.name), model_weights(m), inputs);
    }
    std::vector<std::size_t> threads{1};
    for (const std::size_t t : spread_threads()) threads.push_back(t);
    cases.finish(threads);
}

int merge(const std::filesystem::path& dir, const std::filesystem::path& results) {
    const auto not_timed = merge_timings(dir, results, [](const std::string& name) {
        const BenchModel& m = bench_model(name);
        const ModelSpec& spec = model_weights(m).model();
        return ModelFacts{[&m](std::size_t batch) -> const std::vector<float>& { return reference_output(m, batch); },
                          spec.output_shape(), double(model_macs(spec, TransposedTaps::inside_output))};
    });
    for (const std::string& row : not_timed) std::fprintf(stderr, "ganforge bench: %s; not timed.\n", row.c_str());
    return not_timed.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string_view command = argc > 1 ? argv[1] : "";
    try {
        if (command == "write" && argc == 3) {
            write_cases(argv[2]);
            return 0;
        }
        if (command == "merge" && argc == 4) return merge(argv[2], argv[3]);
        if (command == "not-run" && argc == 4) {
            record_not_run(argv[2], argv[3]);
            return 0;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ganforge_onnxruntime_cases: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: ganforge_onnxruntime_cases write DIR\n"
                         "       ganforge_onnxruntime_cases merge DIR RESULTS.json\n"
                         "       ganforge_onnxruntime_cases not-run RESULTS.json WHY\n");
    return 2;
}
