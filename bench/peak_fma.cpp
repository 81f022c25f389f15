// BM_peak_fma: the single-core FP32 FMA peak the report measures generated
// code against. Independent accumulator chains hide the FMA latency (4 cycles
// x 2 pipes needs 8 in flight, and a few more absorb the scheduling's
// slack), on the widest SIMD path this CPU has.
#include "bench/model_benchmarks.hpp"

#include "bench/best_repetition.hpp"

#include <immintrin.h>

#include <cstdint>

#include <benchmark/benchmark.h>

namespace ganforge::bench {
namespace {

constexpr int avx512_chains = 16;  // of AVX-512's 32 registers
constexpr int avx2_chains = 12;    // of AVX2's 16, two hold the constants

// acc = acc * a + b converges to 1: no overflow, no denormals, however long it runs.
__attribute__((target("avx512f"))) float fma_avx512(std::int64_t rounds) {
    __m512 acc[avx512_chains];
    for (int j = 0; j < avx512_chains; ++j) acc[j] = _mm512_set1_ps(float(j));
    const __m512 a = _mm512_set1_ps(0.5f), b = _mm512_set1_ps(0.5f);
    for (std::int64_t r = 0; r < rounds; ++r)
#pragma GCC unroll 16
        for (int j = 0; j < avx512_chains; ++j) acc[j] = _mm512_fmadd_ps(acc[j], a, b);
    __m512 sum = acc[0];
    for (int j = 1; j < avx512_chains; ++j) sum = _mm512_add_ps(sum, acc[j]);
    alignas(64) float lanes[16];
    _mm512_store_ps(lanes, sum);
    return lanes[0];
}

__attribute__((target("avx2,fma"))) float fma_avx2(std::int64_t rounds) {
    __m256 acc[avx2_chains];
    for (int j = 0; j < avx2_chains; ++j) acc[j] = _mm256_set1_ps(float(j));
    const __m256 a = _mm256_set1_ps(0.5f), b = _mm256_set1_ps(0.5f);
    for (std::int64_t r = 0; r < rounds; ++r)
#pragma GCC unroll 12
        for (int j = 0; j < avx2_chains; ++j) acc[j] = _mm256_fmadd_ps(acc[j], a, b);
    __m256 sum = acc[0];
    for (int j = 1; j < avx2_chains; ++j) sum = _mm256_add_ps(sum, acc[j]);
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, sum);
    return lanes[0];
}

void peak_fma(benchmark::State& state) {
    constexpr std::int64_t rounds = 1 << 16;
    const bool avx512 = __builtin_cpu_supports("avx512f");
    if (!avx512 && !(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) {
        state.SkipWithError("this CPU has neither AVX-512 nor AVX2+FMA");
        return;
    }
    for (auto _ : state) {
        std::int64_t n = rounds;
        benchmark::DoNotOptimize(n);  // or the compiler runs the pure function once
        benchmark::DoNotOptimize(avx512 ? fma_avx512(n) : fma_avx2(n));
    }
    const double flops_per_round = avx512 ? 2.0 * 16 * avx512_chains : 2.0 * 8 * avx2_chains;
    state.counters["GFLOPS"] = benchmark::Counter(1e-9 * flops_per_round * double(rounds),
                                                  benchmark::Counter::kIsIterationInvariantRate);
    state.SetLabel(avx512 ? "avx512, 16 chains" : "avx2, 12 chains");
}

}  // namespace

void register_peak_fma() { with_best_repetition(benchmark::RegisterBenchmark("BM_peak_fma", peak_fma)); }

}  // namespace ganforge::bench
