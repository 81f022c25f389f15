// The generator's first benchmark: generated code against the interpreter
// on every example model at batch 1 and 16 (the report's benchmark names and
// counters; the full report with the peers is bench/'s ganforge_bench).
//   codegen_benchmark --benchmark_filter=mnist --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include "examples/models.hpp"

#include "gen_cifar_gen.hpp"
#include "gen_dcgan64.hpp"
#include "gen_mnist_gen.hpp"
#include "gen_seed_tconv.hpp"
#include "gen_seed_upsample.hpp"
#include "model_macs.hpp"
#include "network_check.hpp"

namespace {

template <ganforge::Model M, typename Net>
void run(benchmark::State& state) {
    const auto batch = std::size_t(state.range(0));
    ganforge::Weights<M> weights;
    codegen_test::randomize(weights, 1);
    const Net net(weights);
    const std::vector<float> input = codegen_test::uniform(batch * M::input_shape.size(), 2);
    std::vector<float> output(batch * M::output_shape.size());
    for (auto _ : state) {
        net.predict(input, output, batch);
        benchmark::DoNotOptimize(output.data());
        benchmark::ClobberMemory();
    }
    const double macs = double(ganforge::bench::model_macs(M::spec()));
    state.counters["images_per_second"] = benchmark::Counter(double(batch), benchmark::Counter::kIsIterationInvariantRate);
    state.counters["GFLOPS"] = benchmark::Counter(2e-9 * macs * double(batch), benchmark::Counter::kIsIterationInvariantRate);
    if constexpr (!std::is_same_v<Net, ganforge::Interpreter<M>>) state.SetLabel(net.isa());
}

template <ganforge::Model M, typename Net>
void both(const char* model) {
    for (const bool generated : {true, false}) {
        auto* b = benchmark::RegisterBenchmark(
            (std::string(generated ? "BM_generated/" : "BM_interpreter/") + model).c_str(),
            generated ? &run<M, Net> : &run<M, ganforge::Interpreter<M>>);
        b->ArgName("batch")->Arg(1)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime();
    }
}

}  // namespace

int main(int argc, char** argv) {
    both<examples::SeedUpsample, generated::SeedUpsampleNet>("seed_upsample");
    both<examples::SeedTconv, generated::SeedTconvNet>("seed_tconv");
    both<examples::MnistGen, generated::MnistGenNet>("mnist_gen");
    both<examples::CifarGen, generated::CifarGenNet>("cifar_gen");
    both<examples::Dcgan64, generated::Dcgan64Net>("dcgan64");
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
