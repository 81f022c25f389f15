// How much denormals slow ganforge down: a timed run outside the tests (no
// timing assertion anywhere). For MnistGen's generated network on every SIMD
// path and for the interpreter, predict's time (best of several runs) with
//   normal:           glorot weights, inputs U(-1, 1);
//   denormal inputs:  inputs scaled by 1e-39, so with Keras' zero biases
//                     every activation of the network is denormal;
//   denormal weights: every kernel scaled by 1e-39, inputs normal;
// each with the thread's MXCSR as the program starts (denormals computed) and
// with flush-to-zero + denormals-are-zero set, as TensorFlow sets them on its
// CPU threads. Prints one line per case with the ratio to `normal`.
//   reliability_denormal_timing [runs]
#include <pmmintrin.h>
#include <xmmintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <ganforge/codegen/isa.hpp>
#include <ganforge/examples/models.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <gen_mnist_gen.hpp>

namespace {

using Model = examples::MnistGen;
using Predict = std::function<void(std::span<const float>, std::span<float>)>;

double best_seconds(const Predict& predict, std::span<const float> in, std::span<float> out, int runs) {
    predict(in, out);  // warm-up: scratch, caches
    double best = 1e30;
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        predict(in, out);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

struct Engine {
    std::string name;
    std::function<Predict(const ganforge::WeightStore&)> make;
};

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
    const auto normal_weights = ganforge::glorot_uniform<Model>(1);
    auto denormal_weights = normal_weights;
    for (const ganforge::WeightEntry& e : denormal_weights.entries())
        if (e.tensor.role == ganforge::WeightRole::kernel)
            for (float& v : denormal_weights.tensor(e)) v *= 1e-39f;
    std::vector<float> normal_input(Model::input_shape.size()), denormal_input(normal_input.size());
    for (std::size_t i = 0; i < normal_input.size(); ++i) {
        normal_input[i] = float(int(i * 7919 % 2001) - 1000) / 1000.0f;
        denormal_input[i] = normal_input[i] * 1e-39f;
    }
    std::vector<float> out(Model::output_shape.size());

    std::vector<Engine> engines{{"interpreter", [](const ganforge::WeightStore& w) -> Predict {
                                     auto net = std::make_shared<ganforge::InterpreterCore>(w);
                                     return [net](auto in, auto o) { net->predict(in, o, 1); };
                                 }}};
    for (const ganforge::Isa isa : {ganforge::Isa::avx512, ganforge::Isa::avx2, ganforge::Isa::portable})
        if (ganforge::cpu_supports(isa))
            engines.push_back({"generated/" + std::string(ganforge::isa_name(isa)),
                               [isa](const ganforge::WeightStore& w) -> Predict {
                                   auto net = std::make_shared<generated::MnistGenNet>(w, isa);
                                   return [net](auto in, auto o) { net->predict(in, o, 1); };
                               }});

    const unsigned start_csr = _mm_getcsr();
    std::printf("MnistGen, batch 1, best of %d runs\n", runs);
    std::printf("%-20s %-10s %-17s %12s %8s\n", "engine", "MXCSR", "case", "ms", "ratio");
    for (const Engine& e : engines) {
        const Predict normal = e.make(normal_weights), tiny_weights = e.make(denormal_weights);
        for (const bool flush : {false, true}) {
            _mm_setcsr(flush ? start_csr | _MM_FLUSH_ZERO_ON | _MM_DENORMALS_ZERO_ON : start_csr);
            const double base = best_seconds(normal, normal_input, out, runs);
            const double inputs = best_seconds(normal, denormal_input, out, runs);
            const double weights = best_seconds(tiny_weights, normal_input, out, runs);
            const char* mode = flush ? "FTZ+DAZ" : "default";
            std::printf("%-20s %-10s %-17s %12.3f %8.2f\n", e.name.c_str(), mode, "normal", base * 1e3, 1.0);
            std::printf("%-20s %-10s %-17s %12.3f %8.2f\n", e.name.c_str(), mode, "denormal inputs", inputs * 1e3,
                        inputs / base);
            std::printf("%-20s %-10s %-17s %12.3f %8.2f\n", e.name.c_str(), mode, "denormal weights", weights * 1e3,
                        weights / base);
        }
    }
    _mm_setcsr(start_csr);
}
