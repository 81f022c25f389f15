// One SIMD path as the emitter sees it: vector width, register count, and the
// spelling of each vector operation. The emitters are written once against
// this table; AVX-512, AVX2+FMA and the portable path (GCC/Clang vector
// extensions, no intrinsics) are three rows of it.
#pragma once

#include <string>
#include <string_view>

#include <ganforge/codegen/isa.hpp>

namespace ganforge::codegen {

struct IsaTarget {
    Isa isa;
    std::string_view name;         // "avx512": file suffix, namespace, GANFORGE_ISA
    int lanes;                     // floats per vector
    int registers;                 // vector registers the register tiles may use
    std::string_view vector_type;  // "__m512"
    std::string_view description;  // for the generated file's comment

    // Code preceding every kernel of this ISA: includes, the checks that the
    // source is compiled with the right flags, small helpers.
    std::string preamble() const;

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
    std::string sum_lanes(std::string_view v) const;
    // Statements.
    std::string store(std::string_view ptr, std::string_view v) const;
    std::string store_first(std::string_view ptr, std::string_view v, int n) const;  // n < lanes
};

const IsaTarget& isa_target(Isa isa);

// A float as a C++ literal that reads back exactly: 0.2f, 1.0f, 1e-05f.
std::string float_literal(float value);

}  // namespace ganforge::codegen
