// One SIMD path as the emitter sees it: vector width, register count, and the
// spelling of each vector operation. The emitters are written once against
// this table; AVX-512, AVX2+FMA and the portable path (GCC/Clang vector
// extensions, no intrinsics) are three rows of it (isa_target.cpp).
#pragma once

#include <string>
#include <string_view>

#include <ganforge/codegen/isa.hpp>

namespace ganforge::codegen {

// How one ISA spells each vector operation: fmt format strings whose
// arguments are named ({p} a pointer, {v} {a} {b} {c} vectors, {x} a
// scalar, {alpha} a literal, {mask} the lane mask for the first {n} lanes).
struct IsaSpelling {
    std::string_view preamble;  // code preceding every kernel: includes, flag checks
    std::string_view zero, load, load_first, broadcast, fma, mul, add, sub, relu;
    std::string_view leaky_relu_max;    // max(v, alpha * v), for 0 < alpha <= 1
    std::string_view leaky_relu_blend;  // v > 0 ? v : alpha * v, any alpha
    std::string_view prelu;             // v > 0 ? v : a * v, {a} a vector of slopes
    std::string_view sum_lanes, store, store_first;
    std::string_view prefetch;          // a statement: bring the line at {p} into L1, never faulting
    std::string (*lane_mask)(int n);    // {mask} for load_first / store_first
};

struct IsaTarget {
    Isa isa;
    std::string_view name;         // "avx512": file suffix, namespace, GANFORGE_ISA
    int lanes;                     // floats per vector
    int registers;                 // vector registers the register tiles may use
    // Vector loads a core issues per cycle beside its two FMAs: three of up
    // to 256 bits and two of 512 on Intel cores with three load ports
    // (Golden Cove and later); cores with two load ports (Skylake, Zen 2)
    // issue fewer.
    int loads_per_cycle;
    std::string_view vector_type;  // "__m512"
    std::string_view description;  // for the generated file's comment
    IsaSpelling spelling;

    std::string preamble() const { return std::string(spelling.preamble); }

    // Expressions (arguments are expressions too).
    std::string zero() const;
    std::string load(std::string_view ptr) const;
    std::string load_first(std::string_view ptr, int n) const;  // lanes >= n zero; n < lanes
    std::string broadcast(std::string_view scalar) const;
    std::string fma(std::string_view a, std::string_view b, std::string_view c) const;  // a * b + c
    std::string mul(std::string_view a, std::string_view b) const;
    std::string add(std::string_view a, std::string_view b) const;
    std::string sub(std::string_view a, std::string_view b) const;
    std::string relu(std::string_view v) const;  // NaN stays NaN, as runtime/activation.hpp
    std::string leaky_relu(std::string_view v, float alpha) const;
    std::string prelu(std::string_view v, std::string_view slopes) const;
    std::string sum_lanes(std::string_view v) const;
    // Statements.
    std::string store(std::string_view ptr, std::string_view v) const;
    std::string store_first(std::string_view ptr, std::string_view v, int n) const;  // n < lanes
    std::string prefetch(std::string_view ptr) const;
};

const IsaTarget& isa_target(Isa isa);

}  // namespace ganforge::codegen
