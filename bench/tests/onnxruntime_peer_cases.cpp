// onnxruntime_peer_cases write DIR | check DIR: the peer cases (every layer
// kind and option the peers translate) as the ONNX Runtime harness's cases,
// at batches 1 and 3 on 1 and 2 threads; then the harness's results checked
// against the interpreter (exit status 1, each disagreement printed).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string_view>

#include "bench/bench_inputs.hpp"
#include "bench/model_macs.hpp"
#include "bench/onnxruntime/harness_cases.hpp"
#include <ganforge/runtime/interpreter.hpp>

#include "peer_cases.hpp"

namespace {

using namespace ganforge;
using namespace ganforge::bench;

constexpr std::size_t batches[] = {1, 3};
constexpr std::uint64_t weights_seed = 7, inputs_seed = 11;

const peer_cases::Case& named(const std::string& name) {
    for (const peer_cases::Case& c : peer_cases::cases)
        if (c.name == name) return c;
    throw Error("no peer case named " + name);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string_view command = argc == 3 ? argv[1] : "";
    const std::filesystem::path dir = argc == 3 ? argv[2] : "";
    try {
        if (command == "write") {
            HarnessCases cases(dir);
            for (const peer_cases::Case& c : peer_cases::cases) {
                const ModelSpec spec = c.spec();
                std::vector<std::pair<std::size_t, std::vector<std::vector<float>>>> inputs;
                for (const std::size_t b : batches) inputs.emplace_back(b, benchmark_inputs(spec, b, inputs_seed));
                cases.add(c.name, benchmark_weights(spec, weights_seed), inputs);
            }
            const std::size_t threads[] = {1, 2};
            cases.finish(threads);
            return 0;
        }
        if (command == "check") {
            std::ofstream(dir / "results.json") << R"({"context": {}, "benchmarks": []})";
            std::vector<std::vector<float>> references;
            const auto not_timed = merge_timings(dir, dir / "results.json", [&](const std::string& model) {
                const ModelSpec spec = named(model).spec();
                const WeightStore weights = benchmark_weights(spec, weights_seed);
                references.clear();
                for (const std::size_t b : batches) {
                    references.emplace_back(b * spec.output_shape().size());
                    InterpreterCore(weights).predict(spans_of(benchmark_inputs(spec, b, inputs_seed)),
                                                     references.back(), b);
                }
                return ModelFacts{[&](std::size_t b) -> const std::vector<float>& {
                                      return references[std::size_t(std::find(std::begin(batches), std::end(batches), b) -
                                                                    std::begin(batches))];
                                  },
                                  spec.output_shape(), double(model_macs(spec))};
            });
            for (const std::string& row : not_timed) std::fprintf(stderr, "%s\n", row.c_str());
            return not_timed.empty() ? 0 : 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "onnxruntime_peer_cases: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: onnxruntime_peer_cases write DIR | check DIR\n");
    return 2;
}
