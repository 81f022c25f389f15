// Keras' activations on SIMD vectors, for the epilogues of generated kernels:
// exp, tanh, sigmoid and swish, and the piecewise ones, each named for its
// ganforge::Activation enumerator with a _v (codegen/emit_epilogue.cpp lists
// them). Written once with GCC/Clang vector extensions, so the same source
// serves __m512, __m256 and the portable vf, each compiled with its kernel
// source's flags (the anonymous namespace gives every kernel source its own
// copy; see simd_portable.hpp).
//
// Accuracy (tests/codegen/simd_math_test.cpp): within a few ulp of
// std::exp / std::tanh / 1 / (1 + std::exp(-x)) for every finite float;
// NaN stays NaN, +-inf and large arguments saturate as the std functions do.
// exp is Cephes' expf (its polynomial and range reduction); tanh a rational
// function of our own fit (see tanh_v). The piecewise functions are
// runtime/activation.hpp's operations in its order, so each lane is the
// interpreter's float, but for a multiply and add the compiler may fuse.
#pragma once

namespace {

// The integer vector of V's size, to reach the floats' bits.
template <typename V>
struct Lanes {
    typedef int type __attribute__((vector_size(sizeof(V))));
};

// e^x; 0 below -87.34 (flushing results that would be subnormal), +inf above 88.37.
template <typename V>
inline V exp_v(V x) {
    using I = typename Lanes<V>::type;
    const V hi = V{} + 88.3762626647949f, lo = V{} + -87.3365447505531f;
    V c = x > hi ? hi : x;  // NaN compares false and passes through
    c = c < lo ? lo : c;
    // n = round(c / ln 2), by adding 1.5 * 2^23 (round to nearest even).
    const V magic = V{} + 12582912.0f;
    const V t = c * 1.44269504088896341f + magic;
    const I n = (I)t - (I)magic;
    const V fn = t - magic;
    const V r = (c - fn * 0.693359375f) - fn * -2.12194440e-4f;
    V p = V{} + 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    V y = p * (V)((n + 127) << 23);
    y = x > hi ? V{} + __builtin_inff() : y;
    return x < lo ? V{} : y;
}

// tanh(|x|) as |x| P(x^2) / Q(x^2), a rational fit of relative error 1e-8
// on [0, 9] (about 3e-7 once evaluated in floats), and 1 beyond, within one
// ulp of float's tanh there; then x's sign (so tanh(-0) = -0). Half the
// operations of exp's route (1 - 2 / (e^2x + 1)), which the last
// convolutions of image generators, narrow lines of few outputs, pay per
// output. |x| is clamped to 9 before the polynomials so that large inputs
// raise no overflow or invalid flag, as std::tanh raises none.
template <typename V>
inline V tanh_v(V x) {
    using I = typename Lanes<V>::type;
    const I sign = (I)x & (int)0x80000000u;
    const V a = (V)((I)x ^ sign);
    const auto beyond = a > 9.0f;             // NaN: false
    const V c = beyond ? V{} + 9.0f : a;
    const V z = c * c;
    V p = V{} + -8.6912614e-14f;
    p = p * z + 5.360304e-11f;
    p = p * z - 2.0403661e-08f;
    p = p * z + 1.1199924e-05f;
    p = p * z + 3.1084232e-03f;
    p = p * z + 1.3088045e-01f;
    p = p * z + 1.0f;
    V q = V{} + 2.552585e-04f;
    q = q * z + 2.4513077e-02f;
    q = q * z + 4.6421376e-01f;
    q = q * z + 1.0f;
    const V t = beyond ? V{} + 1.0f : c * p / q;
    return (V)((I)t | sign);
}

template <typename V>
inline V sigmoid_v(V x) {
    return 1.0f / (1.0f + exp_v(-x));
}

template <typename V>
inline V swish_v(V x) {
    return x * sigmoid_v(x);
}

// ---- Piecewise: every comparison with NaN is false, so a NaN lane takes
// the branch that computes with x and stays NaN.

// lo below lo, hi above hi.
template <typename V>
inline V clip_v(V x, float lo, float hi) {
    const V low = x < lo ? V{} + lo : x;
    return low > hi ? V{} + hi : low;
}

template <typename V>
inline V relu6_v(V x) {
    return clip_v(x, 0.0f, 6.0f);
}

// Keras 3's: relu6(x + 3) / 6.
template <typename V>
inline V hard_sigmoid_v(V x) {
    return clip_v(x + 3.0f, 0.0f, 6.0f) / 6.0f;
}

// Keras 2's: clip(0.2 x + 0.5, 0, 1).
template <typename V>
inline V hard_sigmoid_keras2_v(V x) {
    return clip_v(0.2f * x + 0.5f, 0.0f, 1.0f);
}

template <typename V>
inline V hard_silu_v(V x) {
    return x * hard_sigmoid_v(x);
}

template <typename V>
inline V hard_tanh_v(V x) {
    return clip_v(x, -1.0f, 1.0f);
}

// Keras' default threshold 0.5: 0 within it, x moved towards 0 by it beyond.
template <typename V>
inline V soft_shrink_v(V x) {
    const auto within = (x >= -0.5f) & (x <= 0.5f);
    return within ? V{} : x > 0.5f ? x - 0.5f : x + 0.5f;
}

template <typename V>
inline V hard_shrink_v(V x) {
    const auto within = (x >= -0.5f) & (x <= 0.5f);
    return within ? V{} : x;
}

// 0 up to -1, (x + 1)^2 / 4 to 1, x beyond.
template <typename V>
inline V sparse_plus_v(V x) {
    const V y = x + 1.0f;
    return x <= -1.0f ? V{} : x < 1.0f ? 0.25f * (y * y) : x;
}

// 0 up to -1, (x + 1) / 2 to 1, 1 beyond.
template <typename V>
inline V sparse_sigmoid_v(V x) {
    return x <= -1.0f ? V{} : x >= 1.0f ? V{} + 1.0f : 0.5f * (x + 1.0f);
}

}  // namespace
