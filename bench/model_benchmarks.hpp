// The benchmarks the report is made of, registered with Google Benchmark.
#pragma once

namespace ganforge::bench {

// BM_<engine>/<model>/batch:<n> for every engine, model and batch: each
// engine set up once, checked against the interpreter before it is timed;
// and BM_<engine>/<model>/batch:<n>/threads:<t> for the engines that spread
// one call over t threads, t = 2, 4, ... and this machine's cores, timed by
// the wall clock (Google Benchmark appends /real_time to their names).
// Counters: images_per_second; GFLOPS, 2 x the model's multiply-adds as
// declared, whatever the engine executes; and where the engine knows them
// (the generated code), executed_macs: the multiply-adds per image its code
// executes.
void register_model_benchmarks();

// BM_generated_step/<model>/<step>:<name>/batch:<n>/min_time:0.100/repeats:1:
// each step of the generated code timed alone on the activations it really
// sees, once (a profile).
void register_step_benchmarks();

// BM_denormals/<engine>/<case>/<mxcsr>: mnist_gen at batch 1 on the
// interpreter and each generated path, with normal, denormal inputs or
// denormal weights, computed (ieee) or flushed (ftz_daz).
void register_denormal_benchmarks();

// BM_peak_fma: this core's FP32 FMA peak on its widest SIMD path.
void register_peak_fma();

// BM_stream: this core's read bandwidth from memory (a buffer far larger
// than the caches), the roof of a step that streams its weights.
void register_stream();

// Whether any engine disagreed with the interpreter or failed to run.
bool any_check_failed();

}  // namespace ganforge::bench
