#include <ganforge/codegen/isa_target.hpp>

#include <cmath>

#include <fmt/format.h>

namespace ganforge::codegen {
namespace {

std::string n_lanes_mask(int n) { return fmt::format("(__mmask16)0x{:X}", (1u << n) - 1u); }

std::string avx2_lane_mask(int n) {
    std::string m = "_mm256_setr_epi32(";
    for (int i = 0; i < 8; ++i) m += fmt::format("{}{}", i ? ", " : "", i < n ? -1 : 0);
    return m + ")";
}

constexpr IsaTarget avx512_target{Isa::avx512, "avx512", 16, 32, "__m512",
                                  "AVX-512 (16 floats per vector, 32 registers)"};
constexpr IsaTarget avx2_target{Isa::avx2, "avx2", 8, 16, "__m256",
                                "AVX2 + FMA (8 floats per vector, 16 registers)"};
constexpr IsaTarget portable_target{
    Isa::portable, "portable", 4, 16, "vf",
    "portable C++ (GCC/Clang vector extensions of 4 floats, no intrinsics)"};

}  // namespace

const IsaTarget& isa_target(Isa isa) {
    switch (isa) {
        case Isa::avx512: return avx512_target;
        case Isa::avx2: return avx2_target;
        case Isa::portable: break;
    }
    return portable_target;
}

std::string float_literal(float value) {
    if (std::isnan(value)) return "__builtin_nanf(\"\")";
    if (std::isinf(value)) return value > 0 ? "__builtin_inff()" : "-__builtin_inff()";
    std::string s = fmt::format("{}", value);  // shortest form that reads back exactly
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s + "f";
}

std::string IsaTarget::preamble() const {
    switch (isa) {
        case Isa::avx512:
            return "#include <immintrin.h>\n\n"
                   "#if !defined(__AVX512F__) || !defined(__FMA__)\n"
                   "#error \"compile the avx512 kernels with -mavx512f -mfma\"\n"
                   "#endif\n\n"
                   "#include <ganforge/codegen/support/simd_math.hpp>\n";
        case Isa::avx2:
            return "#include <immintrin.h>\n\n"
                   "#if !defined(__AVX2__) || !defined(__FMA__)\n"
                   "#error \"compile the avx2 kernels with -mavx2 -mfma\"\n"
                   "#endif\n\n"
                   "#include <ganforge/codegen/support/simd_avx2.hpp>\n"
                   "#include <ganforge/codegen/support/simd_math.hpp>\n";
        case Isa::portable: break;
    }
    return "#include <ganforge/codegen/support/simd_math.hpp>\n"
           "#include <ganforge/codegen/support/simd_portable.hpp>\n";
}

std::string IsaTarget::zero() const {
    switch (isa) {
        case Isa::avx512: return "_mm512_setzero_ps()";
        case Isa::avx2: return "_mm256_setzero_ps()";
        case Isa::portable: break;
    }
    return "vf{}";
}

std::string IsaTarget::load(std::string_view p) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_loadu_ps({})", p);
        case Isa::avx2: return fmt::format("_mm256_loadu_ps({})", p);
        case Isa::portable: break;
    }
    return fmt::format("load({})", p);
}

std::string IsaTarget::load_first(std::string_view p, int n) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_maskz_loadu_ps({}, {})", n_lanes_mask(n), p);
        case Isa::avx2: return fmt::format("_mm256_maskload_ps({}, {})", p, avx2_lane_mask(n));
        case Isa::portable: break;
    }
    return fmt::format("load_first({}, {})", p, n);
}

std::string IsaTarget::broadcast(std::string_view x) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_set1_ps({})", x);
        case Isa::avx2: return fmt::format("_mm256_set1_ps({})", x);
        case Isa::portable: break;
    }
    return fmt::format("broadcast({})", x);
}

std::string IsaTarget::fma(std::string_view a, std::string_view b, std::string_view c) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_fmadd_ps({}, {}, {})", a, b, c);
        case Isa::avx2: return fmt::format("_mm256_fmadd_ps({}, {}, {})", a, b, c);
        case Isa::portable: break;
    }
    return fmt::format("{} * {} + {}", a, b, c);
}

std::string IsaTarget::mul(std::string_view a, std::string_view b) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_mul_ps({}, {})", a, b);
        case Isa::avx2: return fmt::format("_mm256_mul_ps({}, {})", a, b);
        case Isa::portable: break;
    }
    return fmt::format("({} * {})", a, b);
}

std::string IsaTarget::add(std::string_view a, std::string_view b) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_add_ps({}, {})", a, b);
        case Isa::avx2: return fmt::format("_mm256_add_ps({}, {})", a, b);
        case Isa::portable: break;
    }
    return fmt::format("({} + {})", a, b);
}

std::string IsaTarget::sub(std::string_view a, std::string_view b) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_sub_ps({}, {})", a, b);
        case Isa::avx2: return fmt::format("_mm256_sub_ps({}, {})", a, b);
        case Isa::portable: break;
    }
    return fmt::format("({} - {})", a, b);
}

// max(0, v) with 0 as the first operand: (v)maxps returns its second operand
// when either is NaN, so NaN passes through as in the scalar x < 0 ? 0 : x.
std::string IsaTarget::relu(std::string_view v) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_max_ps(_mm512_setzero_ps(), {})", v);
        case Isa::avx2: return fmt::format("_mm256_max_ps(_mm256_setzero_ps(), {})", v);
        case Isa::portable: break;
    }
    return fmt::format("relu({})", v);
}

// x > 0 ? x : alpha * x. For 0 < alpha <= 1 that is max(x, alpha * x) (NaN:
// the second operand, alpha * NaN = NaN); otherwise a compare and blend (for
// alpha = 0, alpha * +inf is NaN, so max would lose the +inf).
std::string IsaTarget::leaky_relu(std::string_view v, float alpha) const {
    const std::string a = float_literal(alpha);
    const bool as_max = alpha > 0.0f && alpha <= 1.0f;
    switch (isa) {
        case Isa::avx512:
            if (as_max) return fmt::format("_mm512_max_ps({0}, _mm512_mul_ps({0}, _mm512_set1_ps({1})))", v, a);
            return fmt::format("_mm512_mask_blend_ps(_mm512_cmp_ps_mask({0}, _mm512_setzero_ps(), _CMP_GT_OQ), "
                               "_mm512_mul_ps({0}, _mm512_set1_ps({1})), {0})", v, a);
        case Isa::avx2:
            if (as_max) return fmt::format("_mm256_max_ps({0}, _mm256_mul_ps({0}, _mm256_set1_ps({1})))", v, a);
            return fmt::format("_mm256_blendv_ps(_mm256_mul_ps({0}, _mm256_set1_ps({1})), {0}, "
                               "_mm256_cmp_ps({0}, _mm256_setzero_ps(), _CMP_GT_OQ))", v, a);
        case Isa::portable: break;
    }
    return fmt::format("leaky_relu({}, {})", v, a);
}

std::string IsaTarget::sum_lanes(std::string_view v) const {
    if (isa == Isa::avx512) return fmt::format("_mm512_reduce_add_ps({})", v);
    return fmt::format("sum_lanes({})", v);
}

std::string IsaTarget::store(std::string_view p, std::string_view v) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_storeu_ps({}, {});", p, v);
        case Isa::avx2: return fmt::format("_mm256_storeu_ps({}, {});", p, v);
        case Isa::portable: break;
    }
    return fmt::format("store({}, {});", p, v);
}

std::string IsaTarget::store_first(std::string_view p, std::string_view v, int n) const {
    switch (isa) {
        case Isa::avx512: return fmt::format("_mm512_mask_storeu_ps({}, {}, {});", p, n_lanes_mask(n), v);
        case Isa::avx2: return fmt::format("_mm256_maskstore_ps({}, {}, {});", p, avx2_lane_mask(n), v);
        case Isa::portable: break;
    }
    return fmt::format("store_first({}, {}, {});", p, v, n);
}

}  // namespace ganforge::codegen
