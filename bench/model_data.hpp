// What the benchmarks of one model share: its weights, inputs and the
// interpreter's outputs (the reference every engine is checked against).
// Built on first use and kept while that model's benchmarks run; the
// benchmarks are registered model by model, so one model is held at a time.
#pragma once

#include <cstddef>
#include <vector>

#include "bench/bench_models.hpp"
#include <ganforge/runtime/weight_store.hpp>

namespace ganforge::bench {

const WeightStore& model_weights(const BenchModel& model);
const std::vector<std::vector<float>>& model_inputs(const BenchModel& model, std::size_t batch);
// The interpreter's output, computed on first use unless a benchmark of the
// interpreter already gave it (record_reference_output): at batch 16 the
// interpreter takes seconds per run.
const std::vector<float>& reference_output(const BenchModel& model, std::size_t batch);
void record_reference_output(const BenchModel& model, std::size_t batch, std::vector<float> output);

}  // namespace ganforge::bench
