// Vector helpers of the AVX2 path. Included only by generated *_avx2.cpp
// kernel sources, compiled with -mavx2 -mfma; the anonymous namespace gives
// each of them its own copy (see simd_portable.hpp).
#pragma once

#include <immintrin.h>

namespace {

inline float sum_lanes(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

}  // namespace
