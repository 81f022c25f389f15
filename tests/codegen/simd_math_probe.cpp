// support/simd_math.hpp and simd_lane_sums.hpp on one ISA's vectors, compiled once per ISA with its
// flags (PROBE_AVX512, PROBE_AVX2 or neither) for simd_math_test.cpp.
#include <cstddef>
#include <cstring>

#if defined(PROBE_AVX512) || defined(PROBE_AVX2)
#include <immintrin.h>
#endif
#include <ganforge/codegen/support/simd_lane_sums.hpp>
#include <ganforge/codegen/support/simd_math.hpp>
#include <ganforge/codegen/support/simd_portable.hpp>

#if defined(PROBE_AVX512)
using V = __m512;
#define PROBE simd_math_probe_avx512
#elif defined(PROBE_AVX2)
using V = __m256;
#define PROBE simd_math_probe_avx2
#else
using V = vf;
#define PROBE simd_math_probe_portable
#endif

namespace {

// The activations' vector functions, from function 4 on, in the order of
// simd_math_test.cpp's vector_activations.
V (*const activations[])(V) = {
    swish_v<V>,     relu6_v<V>,       hard_sigmoid_v<V>, hard_sigmoid_keras2_v<V>, hard_silu_v<V>,
    hard_tanh_v<V>, soft_shrink_v<V>, hard_shrink_v<V>,  sparse_plus_v<V>,         sparse_sigmoid_v<V>,
};

}  // namespace

// function 0: exp, 1: tanh, 2: sigmoid, 4 + k: activations[k], n floats in
// and out (n a multiple of 16); 3: sum_lanes_each on each run of one vector
// per lane (n a multiple of 256), one sum out per vector in.
void PROBE(int function, const float* in, float* out, std::size_t n) {
    constexpr std::size_t lanes = sizeof(V) / sizeof(float);
    if (function == 3) {
        for (std::size_t i = 0; i < n; i += lanes * lanes) {
            V v[lanes];
            std::memcpy(v, in + i, sizeof v);
            const V r = sum_lanes_each(v);
            std::memcpy(out + i / lanes, &r, sizeof r);
        }
        return;
    }
    for (std::size_t i = 0; i < n; i += lanes) {
        V v;
        std::memcpy(&v, in + i, sizeof v);
        const V r = function == 0   ? exp_v(v)
                    : function == 1 ? tanh_v(v)
                    : function == 2 ? sigmoid_v(v)
                                    : activations[function - 4](v);
        std::memcpy(out + i, &r, sizeof r);
    }
}
