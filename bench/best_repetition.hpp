// A roof (the FMA peak, the memory bandwidth) is what the machine can reach:
// its best repetition, as the aggregate "max" the report reads, where every
// other figure is a median.
#pragma once

#include <algorithm>
#include <vector>

#include <benchmark/benchmark.h>

namespace ganforge::bench {

inline benchmark::internal::Benchmark* with_best_repetition(benchmark::internal::Benchmark* b) {
    return b->ComputeStatistics("max", [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); });
}

}  // namespace ganforge::bench
