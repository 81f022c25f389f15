// FlushDenormals: flush-to-zero and denormals-are-zero for one scope; the
// caller's setting of both comes back when the scope ends, however it ends.
//
// Why: on x86 an operation whose operand or result is denormal may take a
// microcode assist of a hundred cycles and more, so denormal weights or
// activations can slow a whole network down many times on some CPUs and not at
// all on others (docs/reliability.md). Trained generators do produce denormal
// activations (tiny values after BatchNormalization and LeakyReLU, saturated
// sigmoids), and every thread starts with denormals computed (IEEE). What a
// denormal adds to an output is below 1e-37 of it, so ganforge computes with
// denormals as zeros, as TensorFlow does on its CPU threads, but only for the
// duration of its own calls (predict, run_step): the interpreter and the
// generated code open one of these at their entry.
//
// Only the two mode bits are set and restored: the exception flags a call
// raises stay raised, as they would without it. Elsewhere than x86 it does
// nothing.
#pragma once

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace ganforge {

class FlushDenormals {
public:
#if defined(__SSE__)
    FlushDenormals() : saved_(_mm_getcsr() & mode_bits) {
        if (saved_ != mode_bits) _mm_setcsr(_mm_getcsr() | mode_bits);
    }
    ~FlushDenormals() {
        if (saved_ != mode_bits) _mm_setcsr((_mm_getcsr() & ~mode_bits) | saved_);
    }
#else
    FlushDenormals() = default;
#endif
    FlushDenormals(const FlushDenormals&) = delete;
    FlushDenormals& operator=(const FlushDenormals&) = delete;

#if defined(__SSE__)
private:
    // MXCSR: flush-to-zero (bit 15) and denormals-are-zero (bit 6).
    static constexpr unsigned mode_bits = _MM_FLUSH_ZERO_ON | 0x0040u;
    unsigned saved_;  // the caller's value of those bits
#endif
};

}  // namespace ganforge
