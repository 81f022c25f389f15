// The work an engine's code executed against the model's multiply-adds as
// declared, which GFLOPS counts for every engine. The generated code executes
// fewer: it skips the taps that fall on a Conv2D's zero padding, and it
// computes a chain of affine layers (no nonlinearity between them) as one
// matrix. Its GFLOP/s can then pass the core's peak, so its share of the peak
// counts what it executed.
#pragma once

#include "bench/report/results.hpp"

namespace ganforge::report {

// GFLOP/s of the multiply-adds `run` executed (its executed_macs over its
// time); its GFLOPS when it recorded none.
double executed_gflops(const EngineRun& run);

// Whether `run` executed at most half the multiply-adds its model declares
// (context "macs_<model>"): a chain collapsed into one matrix. The padding
// taps it skips are a border, a small share of a model's work; a collapsed
// chain's matrix leaves out most of it.
bool collapsed(const Results& results, const EngineRun& run);

}  // namespace ganforge::report
