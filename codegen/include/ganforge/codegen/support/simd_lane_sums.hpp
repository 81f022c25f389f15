// The lane sums of a whole register's worth of vectors at once, for the
// narrow kernels' accumulators: L vectors of L floats folded pairwise, L - 1
// folds of two shuffles and an add, where one horizontal sum per vector
// costs about log2(L) of each. Written with GCC/Clang vector extensions, so
// the same source serves __m512, __m256 and the portable vf, each compiled
// with its kernel source's flags (the anonymous namespace gives every kernel
// source its own copy; see simd_portable.hpp).
#pragma once

#include <utility>

namespace {

template <typename V>
constexpr int lanes_of = int(sizeof(V) / sizeof(float));

// Lane i of the fold of a and b, whose segments of s lanes each hold partial
// sums of one vector: the lower half of the result holds a's segments, each
// folded to s / 2 lanes, the upper half b's. `upper` picks the half of each
// segment that is added to the other.
template <typename V, int s, bool upper>
constexpr int fold_lane(int i) {
    constexpr int half_vector = lanes_of<V> / 2, half = s / 2;
    const int r = i % half_vector;
    return (i >= half_vector ? lanes_of<V> : 0) + r / half * s + r % half + (upper ? half : 0);
}

template <typename V, int s, int... I>
inline V fold(V a, V b, std::integer_sequence<int, I...>) {
    return __builtin_shufflevector(a, b, fold_lane<V, s, false>(I)...) +
           __builtin_shufflevector(a, b, fold_lane<V, s, true>(I)...);
}

// s vectors whose segments hold s lanes of partial sums: folded to one.
template <typename V, int s>
inline V fold_down(V* v) {
#pragma GCC unroll 16
    for (int m = 0; m < s / 2; ++m)
        v[m] = fold<V, s>(v[2 * m], v[2 * m + 1], std::make_integer_sequence<int, lanes_of<V>>{});
    if constexpr (s > 2)
        return fold_down<V, s / 2>(v);
    else
        return v[0];
}

// Lane i holds the sum of v[i]'s lanes, for lanes_of<V> vectors (v is
// overwritten).
template <typename V>
inline V sum_lanes_each(V* v) {
    return fold_down<V, lanes_of<V>>(v);
}

}  // namespace
