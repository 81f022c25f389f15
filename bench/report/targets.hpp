// The project's performance targets, judged on measured figures (benchmarks,
// not timed tests): what the report's "Targets" table shows.
#pragma once

#include <string>
#include <vector>

#include "bench/report/results.hpp"

namespace ganforge::report {

struct TargetResult {
    std::string target;   // "seed_upsample, batch 1: generated >= 10x the interpreter"
    std::string figures;  // "speed-up 33.80x"
    bool met = false;
};

// Tutorial generators (seed_upsample, seed_tconv) at batch 1: generated at
// least 10x the interpreter; every model and batch: at least 5x; generated
// faster than each peer on every model at every batch; dcgan64: at batch 16
// at least 1.3x the fastest peer, 60% of the measured peak and 80% counting
// every transposed-convolution tap, at batch 1 at least 1.3x ONNX Runtime.
// For each thread count the generated code was spread over: faster than each
// peer on as many threads on every model and batch, and dcgan64 at least 1.6x
// (batch 1) and 1.8x (batch 16) its one-thread speed. A target whose figures
// are missing (an engine not built or not agreeing) is not met, and says why.
std::vector<TargetResult> evaluate_targets(const Results& results);

}  // namespace ganforge::report
