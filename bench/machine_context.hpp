// What the report needs to say how the figures were taken, recorded in the
// benchmark JSON's context: the CPU, and how the peers' threads and BLAS
// were set up.
#pragma once

namespace ganforge::bench {

// Adds cpu_model, cpu_simd, blas_libraries, openblas_core, threads,
// ganforge_isa (the GANFORGE_ISA variable) and the
// MACs of each model (macs_<model>: every transposed-convolution tap, then
// only those inside the output) to Google Benchmark's context.
void add_machine_context();

}  // namespace ganforge::bench
