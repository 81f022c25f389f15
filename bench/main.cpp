// ganforge_bench: the benchmarks behind the report. Takes
// Google Benchmark's flags; scripts/main.sh runs it with --benchmark_out.
#include <benchmark/benchmark.h>

#include "bench/library_threads.hpp"
#include "bench/machine_context.hpp"
#include "bench/model_benchmarks.hpp"

int main(int argc, char** argv) {
    using namespace ganforge::bench;
    set_library_threads(1);  // a peer spread over threads sets them for its own runs
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    add_machine_context();
    register_peak_fma();
    register_stream();
    register_model_benchmarks();
    register_step_benchmarks();
    register_denormal_benchmarks();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return any_check_failed() ? 1 : 0;
}
