// BM_stream: how fast one core reads memory, the roof the report puts beside
// the FMA peak. A step whose weights do not stay in cache (a large Dense or
// transposed convolution at batch 1) moves more bytes per multiply-add than
// the FMAs can use, so this bound binds it, not the peak. The buffer is many
// times any last-level cache; independent accumulators keep enough loads in
// flight for the hardware prefetchers to stream.
#include "bench/model_benchmarks.hpp"

#include "bench/best_repetition.hpp"
#include <ganforge/codegen/support/network_support.hpp>

#include <immintrin.h>

#include <cstddef>

#include <benchmark/benchmark.h>

namespace ganforge::bench {
namespace {

constexpr std::size_t buffer_bytes = std::size_t(512) << 20;
constexpr std::size_t floats = buffer_bytes / sizeof(float);

// SSE loads: one core's bandwidth is bounded by the cache misses it keeps in
// flight, not the load width, and every x86-64 CPU has them.
float sum_all(const float* x) {
    __m128 acc[8];
    for (__m128& a : acc) a = _mm_setzero_ps();
    for (std::size_t i = 0; i < floats; i += 32)
        for (int j = 0; j < 8; ++j) acc[j] = _mm_add_ps(acc[j], _mm_load_ps(x + i + 4 * std::size_t(j)));
    for (int j = 1; j < 8; ++j) acc[0] = _mm_add_ps(acc[0], acc[j]);
    return _mm_cvtss_f32(acc[0]);
}

void stream(benchmark::State& state) {
    // Zero-filled when made, outside the timed region, so every page is mapped.
    const codegen::support::AlignedFloats buffer(floats);
    for (auto _ : state) benchmark::DoNotOptimize(sum_all(buffer.data()));
    state.counters["GBps"] = benchmark::Counter(1e-9 * double(buffer_bytes), benchmark::Counter::kIsIterationInvariantRate);
    state.SetLabel("512 MiB read, one thread");
}

}  // namespace

void register_stream() { with_best_repetition(benchmark::RegisterBenchmark("BM_stream", stream))->Unit(benchmark::kMillisecond); }

}  // namespace ganforge::bench
