#include "codegen/isa_target.hpp"

#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include "runtime/dsl_literals.hpp"

namespace ganforge::codegen {
namespace {

std::string avx512_lane_mask(int n) { return fmt::format("(__mmask16)0x{:X}", (1u << n) - 1u); }

std::string avx2_lane_mask(int n) {
    std::string m = "_mm256_setr_epi32(";
    for (int i = 0; i < 8; ++i) m += fmt::format("{}{}", i ? ", " : "", i < n ? -1 : 0);
    return m + ")";
}

std::string portable_lane_mask(int n) { return fmt::format("{}", n); }

// relu: max(0, v) with 0 as the first operand: (v)maxps returns its second
// operand when either is NaN, so NaN passes through as in the scalar
// x < 0 ? 0 : x. leaky_relu_max: alpha * NaN = NaN is the second operand.
// leaky_relu_blend: for alpha = 0, alpha * +inf is NaN, so max would lose the
// +inf; a compare and blend keeps it.
// One row per Isa, in the enum's order.
constexpr IsaTarget targets[] = {
    {Isa::portable, "portable", 4, 16, 3, "vf",
     "portable C++ (GCC/Clang vector extensions of 4 floats, no intrinsics)",
     {.preamble = "#include <ganforge/codegen/support/simd_lane_sums.hpp>\n"
                  "#include <ganforge/codegen/support/simd_math.hpp>\n"
                  "#include <ganforge/codegen/support/simd_portable.hpp>\n",
      .zero = "vf{{}}",
      .load = "load({p})",
      .load_first = "load_first({p}, {mask})",
      .broadcast = "broadcast({x})",
      .fma = "{a} * {b} + {c}",
      .mul = "({a} * {b})",
      .add = "({a} + {b})",
      .sub = "({a} - {b})",
      .relu = "relu({v})",
      .leaky_relu_max = "leaky_relu({v}, {alpha})",
      .leaky_relu_blend = "leaky_relu({v}, {alpha})",
      .prelu = "prelu({v}, {a})",
      .sum_lanes = "sum_lanes({v})",
      .store = "store({p}, {v});",
      .store_first = "store_first({p}, {v}, {mask});",
      .prefetch = "__builtin_prefetch({p});",
      .lane_mask = &portable_lane_mask}},
    {Isa::avx2, "avx2", 8, 16, 3, "__m256", "AVX2 + FMA (8 floats per vector, 16 registers)",
     {.preamble = "#include <immintrin.h>\n\n"
                  "#if !defined(__AVX2__) || !defined(__FMA__)\n"
                  "#error \"compile the avx2 kernels with -mavx2 -mfma\"\n"
                  "#endif\n\n"
                  "#include <ganforge/codegen/support/simd_avx2.hpp>\n"
                  "#include <ganforge/codegen/support/simd_lane_sums.hpp>\n"
                  "#include <ganforge/codegen/support/simd_math.hpp>\n",
      .zero = "_mm256_setzero_ps()",
      .load = "_mm256_loadu_ps({p})",
      .load_first = "_mm256_maskload_ps({p}, {mask})",
      .broadcast = "_mm256_set1_ps({x})",
      .fma = "_mm256_fmadd_ps({a}, {b}, {c})",
      .mul = "_mm256_mul_ps({a}, {b})",
      .add = "_mm256_add_ps({a}, {b})",
      .sub = "_mm256_sub_ps({a}, {b})",
      .relu = "_mm256_max_ps(_mm256_setzero_ps(), {v})",
      .leaky_relu_max = "_mm256_max_ps({v}, _mm256_mul_ps({v}, _mm256_set1_ps({alpha})))",
      .leaky_relu_blend = "_mm256_blendv_ps(_mm256_mul_ps({v}, _mm256_set1_ps({alpha})), {v}, "
                          "_mm256_cmp_ps({v}, _mm256_setzero_ps(), _CMP_GT_OQ))",
      .prelu = "_mm256_blendv_ps(_mm256_mul_ps({v}, {a}), {v}, _mm256_cmp_ps({v}, _mm256_setzero_ps(), _CMP_GT_OQ))",
      .sum_lanes = "sum_lanes({v})",
      .store = "_mm256_storeu_ps({p}, {v});",
      .store_first = "_mm256_maskstore_ps({p}, {mask}, {v});",
      .prefetch = "_mm_prefetch({p}, _MM_HINT_T0);",
      .lane_mask = &avx2_lane_mask}},
    {Isa::avx512, "avx512", 16, 32, 2, "__m512", "AVX-512 (16 floats per vector, 32 registers)",
     {.preamble = "#include <immintrin.h>\n\n"
                  "#if !defined(__AVX512F__) || !defined(__FMA__)\n"
                  "#error \"compile the avx512 kernels with -mavx512f -mfma\"\n"
                  "#endif\n\n"
                  "#include <ganforge/codegen/support/simd_lane_sums.hpp>\n"
                  "#include <ganforge/codegen/support/simd_math.hpp>\n",
      .zero = "_mm512_setzero_ps()",
      .load = "_mm512_loadu_ps({p})",
      .load_first = "_mm512_maskz_loadu_ps({mask}, {p})",
      .broadcast = "_mm512_set1_ps({x})",
      .fma = "_mm512_fmadd_ps({a}, {b}, {c})",
      .mul = "_mm512_mul_ps({a}, {b})",
      .add = "_mm512_add_ps({a}, {b})",
      .sub = "_mm512_sub_ps({a}, {b})",
      .relu = "_mm512_max_ps(_mm512_setzero_ps(), {v})",
      .leaky_relu_max = "_mm512_max_ps({v}, _mm512_mul_ps({v}, _mm512_set1_ps({alpha})))",
      .leaky_relu_blend = "_mm512_mask_blend_ps(_mm512_cmp_ps_mask({v}, _mm512_setzero_ps(), _CMP_GT_OQ), "
                          "_mm512_mul_ps({v}, _mm512_set1_ps({alpha})), {v})",
      .prelu = "_mm512_mask_blend_ps(_mm512_cmp_ps_mask({v}, _mm512_setzero_ps(), _CMP_GT_OQ), "
               "_mm512_mul_ps({v}, {a}), {v})",
      .sum_lanes = "_mm512_reduce_add_ps({v})",
      .store = "_mm512_storeu_ps({p}, {v});",
      .store_first = "_mm512_mask_storeu_ps({p}, {mask}, {v});",
      .prefetch = "_mm_prefetch({p}, _MM_HINT_T0);",
      .lane_mask = &avx512_lane_mask}},
};

constexpr bool one_row_per_isa_in_order() {
    for (std::size_t i = 0; i < std::size(targets); ++i)
        if (targets[i].isa != all_isas[i] || targets[i].name != isa_name(all_isas[i])) return false;
    return std::size(targets) == std::size(all_isas);
}
static_assert(one_row_per_isa_in_order(), "isa_target.cpp: the table needs one row per Isa, in the enum's order, named as isa_name");

template <class... Args>
std::string spell(std::string_view pattern, const Args&... args) {
    return fmt::format(fmt::runtime(pattern), args...);
}

}  // namespace

const IsaTarget& isa_target(Isa isa) { return targets[std::size_t(isa)]; }

std::string IsaTarget::zero() const { return spell(spelling.zero); }
std::string IsaTarget::load(std::string_view p) const { return spell(spelling.load, fmt::arg("p", p)); }
std::string IsaTarget::load_first(std::string_view p, int n) const {
    return spell(spelling.load_first, fmt::arg("p", p), fmt::arg("mask", spelling.lane_mask(n)));
}
std::string IsaTarget::broadcast(std::string_view x) const { return spell(spelling.broadcast, fmt::arg("x", x)); }
std::string IsaTarget::fma(std::string_view a, std::string_view b, std::string_view c) const {
    return spell(spelling.fma, fmt::arg("a", a), fmt::arg("b", b), fmt::arg("c", c));
}
std::string IsaTarget::mul(std::string_view a, std::string_view b) const {
    return spell(spelling.mul, fmt::arg("a", a), fmt::arg("b", b));
}
std::string IsaTarget::add(std::string_view a, std::string_view b) const {
    return spell(spelling.add, fmt::arg("a", a), fmt::arg("b", b));
}
std::string IsaTarget::sub(std::string_view a, std::string_view b) const {
    return spell(spelling.sub, fmt::arg("a", a), fmt::arg("b", b));
}
std::string IsaTarget::relu(std::string_view v) const { return spell(spelling.relu, fmt::arg("v", v)); }
std::string IsaTarget::leaky_relu(std::string_view v, float alpha) const {
    const bool as_max = alpha > 0.0f && alpha <= 1.0f;
    return spell(as_max ? spelling.leaky_relu_max : spelling.leaky_relu_blend, fmt::arg("v", v),
                 fmt::arg("alpha", float_literal(alpha)));
}
std::string IsaTarget::prelu(std::string_view v, std::string_view slopes) const {
    return spell(spelling.prelu, fmt::arg("v", v), fmt::arg("a", slopes));
}
std::string IsaTarget::sum_lanes(std::string_view v) const { return spell(spelling.sum_lanes, fmt::arg("v", v)); }
std::string IsaTarget::store(std::string_view p, std::string_view v) const {
    return spell(spelling.store, fmt::arg("p", p), fmt::arg("v", v));
}
std::string IsaTarget::store_first(std::string_view p, std::string_view v, int n) const {
    return spell(spelling.store_first, fmt::arg("p", p), fmt::arg("v", v), fmt::arg("mask", spelling.lane_mask(n)));
}
std::string IsaTarget::prefetch(std::string_view p) const { return spell(spelling.prefetch, fmt::arg("p", p)); }

}  // namespace ganforge::codegen
