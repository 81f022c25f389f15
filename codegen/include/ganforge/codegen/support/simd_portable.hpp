// Vector helpers of the portable path: four floats as a GCC/Clang vector
// extension (SSE on x86-64, NEON on ARM, scalar code elsewhere), no
// intrinsics. Included only by generated *_portable.cpp kernel sources. The
// anonymous namespace is deliberate: each kernel source gets its own copy
// compiled with its own flags, so the linker never has to pick one.
#pragma once

namespace {

typedef float vf __attribute__((vector_size(16)));

inline vf load(const float* p) {
    vf v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

// The first n floats, the other lanes zero.
inline vf load_first(const float* p, int n) {
    vf v = {};
    for (int i = 0; i < n; ++i) v[i] = p[i];
    return v;
}

inline void store(float* p, vf v) { __builtin_memcpy(p, &v, sizeof v); }

inline void store_first(float* p, vf v, int n) {
    for (int i = 0; i < n; ++i) p[i] = v[i];
}

inline vf broadcast(float x) { return vf{x, x, x, x}; }

// x < 0 ? 0 : x per lane (NaN stays NaN), as runtime/activation.hpp.
inline vf relu(vf v) {
    const vf z = {};
    return v < z ? z : v;
}

inline vf leaky_relu(vf v, float alpha) {
    const vf z = {};
    return v > z ? v : v * broadcast(alpha);
}

inline vf prelu(vf v, vf slopes) {
    const vf z = {};
    return v > z ? v : v * slopes;
}

inline float sum_lanes(vf v) { return (v[0] + v[1]) + (v[2] + v[3]); }

}  // namespace
