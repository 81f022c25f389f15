// The vector exp, tanh and sigmoid of the generated epilogues against the
// std functions the interpreter uses, and the other activations' vector
// functions against the interpreter's own, on every ISA this CPU has: a
// sample of every finite float, and the special values; and the narrow
// kernels' lane sums.
#include <cfenv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include <ganforge/codegen/isa.hpp>
#include "runtime/activation.hpp"

void simd_math_probe_avx512(int function, const float* in, float* out, std::size_t n);
void simd_math_probe_avx2(int function, const float* in, float* out, std::size_t n);
void simd_math_probe_portable(int function, const float* in, float* out, std::size_t n);

namespace {

using Probe = void (*)(int, const float*, float*, std::size_t);

std::vector<std::pair<ganforge::Isa, Probe>> probes() {
    std::vector<std::pair<ganforge::Isa, Probe>> p{{ganforge::Isa::portable, &simd_math_probe_portable}};
    if (ganforge::cpu_supports(ganforge::Isa::avx2)) p.emplace_back(ganforge::Isa::avx2, &simd_math_probe_avx2);
    if (ganforge::cpu_supports(ganforge::Isa::avx512)) p.emplace_back(ganforge::Isa::avx512, &simd_math_probe_avx512);
    return p;
}

// The activations of the probe's functions 4 on, in its order, and how far
// each may be from the interpreter's float: swish as far as sigmoid_v from
// the std functions, and 0 below -88.38, where it is under 4e-37 (exp_v is
// +inf above 88.38, expf only from 88.73); Keras 2's hard_sigmoid one
// rounding of 0.2 x (the compiler may fuse its multiply and add); the
// others not at all.
struct VectorActivation {
    ganforge::Activation activation;
    double relative = 0, absolute = 0;
};
constexpr VectorActivation vector_activations[] = {
    {ganforge::Activation::swish, 4e-7, 4e-37},
    {ganforge::Activation::relu6},
    {ganforge::Activation::hard_sigmoid},
    {ganforge::Activation::hard_sigmoid_keras2, 1.2e-7, 0x1p-25},
    {ganforge::Activation::hard_silu},
    {ganforge::Activation::hard_tanh},
    {ganforge::Activation::soft_shrink},
    {ganforge::Activation::hard_shrink},
    {ganforge::Activation::sparse_plus},
    {ganforge::Activation::sparse_sigmoid},
};
constexpr int first_activation = 4;

float reference(int function, float x) {
    if (function == 0) return std::exp(x);
    if (function == 1) return std::tanh(x);
    return 1.0f / (1.0f + std::exp(-x));
}

// Every 1009th bit pattern (all signs and exponents), without NaNs, padded to 16.
std::vector<float> sample() {
    std::vector<float> xs;
    for (std::uint64_t b = 0; b < (std::uint64_t(1) << 32); b += 1009) {
        const auto u = std::uint32_t(b);
        float x;
        std::memcpy(&x, &u, sizeof x);
        if (!std::isnan(x)) xs.push_back(x);
    }
    while (xs.size() % 16) xs.push_back(0.5f);
    return xs;
}

TEST(SimdMath, WithinAFewUlpOfTheStdFunctions) {
    const std::vector<float> xs = sample();
    std::vector<float> got(xs.size());
    for (const auto& [isa, probe] : probes())
        for (int function = 0; function < 3; ++function) {
            probe(function, xs.data(), got.data(), xs.size());
            std::size_t bad = 0;
            for (std::size_t i = 0; i < xs.size(); ++i) {
                const float want = reference(function, xs[i]);
                // exp flushes what would be subnormal to 0 and gives +inf above 88.37.
                if (function == 0 && (want < 1.2e-38f || want > 2.4e38f)) continue;
                const double allowed = 4e-7 * std::fabs(double(want)) + 1e-37;
                if (!(std::fabs(double(got[i]) - double(want)) <= allowed) && bad++ < 5)
                    ADD_FAILURE() << ganforge::isa_name(isa) << " function " << function << " at " << xs[i]
                                  << ": " << got[i] << ", std " << want;
            }
            EXPECT_EQ(bad, 0u);
        }
}

// std::tanh raises no floating-point flag on a finite argument, however
// large; neither may the generated tanh (its polynomials of x^2 would
// overflow beyond |x| of about 2e4 unclamped).
TEST(SimdMath, TanhOfLargeArgumentsRaisesNoOverflowOrInvalidFlag) {
    std::vector<float> xs{10.0f, 100.0f, 2e3f, 1e6f, 1e20f, 3e38f, -10.0f, -2e3f, -1e20f, -3e38f,
                          9.5f, 50.0f, 1e10f, -1e10f, 4e19f, -4e19f};
    std::vector<float> got(xs.size());
    for (const auto& [isa, probe] : probes()) {
        std::feclearexcept(FE_ALL_EXCEPT);
        probe(1, xs.data(), got.data(), xs.size());
        EXPECT_FALSE(std::fetestexcept(FE_OVERFLOW | FE_INVALID)) << ganforge::isa_name(isa);
        for (std::size_t i = 0; i < xs.size(); ++i) EXPECT_EQ(got[i], xs[i] > 0 ? 1.0f : -1.0f) << xs[i];
    }
}

// The interpreter's value within v's tolerance; NaN where it is NaN.
::testing::AssertionResult as_interpreter(const VectorActivation& v, float x, float got) {
    const float want = ganforge::activate(v.activation, x);
    const double allowed = v.relative * std::fabs(double(want)) + v.absolute;
    if (std::isnan(want) ? std::isnan(got) : got == want || std::fabs(double(got) - double(want)) <= allowed)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << ganforge::enumerator_name(v.activation) << "(" << x << ") = " << got
                                         << ", the interpreter's " << want;
}

TEST(SimdMath, ActivationsAsTheInterpreter) {
    const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
    std::vector<float> xs = sample();
    for (const float x : {nan, inf, -inf, 0.0f, -0.0f, 0.5f, -0.5f, 1.0f, -1.0f, 3.0f, -3.0f, 6.0f, 7.0f, -7.0f,
                          0.49999997f, -0.50000006f, 2.9999998f, -2.9999998f, 1e-45f, -1e-45f})
        xs.push_back(x);
    while (xs.size() % 16) xs.push_back(-0.25f);
    std::vector<float> got(xs.size());
    for (const auto& [isa, probe] : probes())
        for (std::size_t k = 0; k < std::size(vector_activations); ++k) {
            probe(first_activation + int(k), xs.data(), got.data(), xs.size());
            std::size_t bad = 0;
            for (std::size_t i = 0; i < xs.size(); ++i) {
                const auto r = as_interpreter(vector_activations[k], xs[i], got[i]);
                if (!r && bad++ < 5) ADD_FAILURE() << ganforge::isa_name(isa) << ": " << r.message();
            }
            EXPECT_EQ(bad, 0u) << ganforge::isa_name(isa) << " "
                               << ganforge::enumerator_name(vector_activations[k].activation);
        }
}

TEST(SimdMath, SpecialValuesAsTheStdFunctions) {
    const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
    std::vector<float> xs{nan, inf, -inf, 0.0f, -0.0f, 100.0f, -100.0f, 30.0f, -30.0f, 88.5f, -88.5f, 1e-30f,
                          -1e-30f, 0.625f, -0.625f, 20.0f};
    std::vector<float> got(xs.size());
    for (const auto& [isa, probe] : probes()) {
        probe(0, xs.data(), got.data(), xs.size());
        EXPECT_TRUE(std::isnan(got[0]));
        EXPECT_EQ(got[1], inf);
        EXPECT_EQ(got[2], 0.0f);
        EXPECT_EQ(got[3], 1.0f);
        probe(1, xs.data(), got.data(), xs.size());
        EXPECT_TRUE(std::isnan(got[0])) << ganforge::isa_name(isa);
        EXPECT_EQ(got[1], 1.0f);
        EXPECT_EQ(got[2], -1.0f);
        EXPECT_EQ(got[3], 0.0f);
        EXPECT_TRUE(std::signbit(got[4]));  // tanh(-0) = -0
        EXPECT_EQ(got[5], 1.0f);
        EXPECT_EQ(got[6], -1.0f);
        EXPECT_EQ(got[11], 1e-30f);
        probe(2, xs.data(), got.data(), xs.size());
        EXPECT_TRUE(std::isnan(got[0]));
        EXPECT_EQ(got[1], 1.0f);
        EXPECT_EQ(got[2], 0.0f);
        EXPECT_EQ(got[3], 0.5f);
        EXPECT_EQ(got[5], 1.0f);
        EXPECT_LT(got[6], 1e-38f);
    }
}

// Lane i of sum_lanes_each is the sum of vector i's lanes, in order:
// integers, so every order of the additions gives the same exact sum.
TEST(SimdLaneSums, EachLaneHoldsTheSumOfItsOwnVector) {
    std::vector<float> in(512);
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = float((i * 37) % 101) - 50.0f;
    for (const auto& [isa, probe] : probes()) {
        const std::size_t lanes = isa == ganforge::Isa::avx512 ? 16 : isa == ganforge::Isa::avx2 ? 8 : 4;
        std::vector<float> got(in.size() / lanes, std::nanf(""));
        probe(3, in.data(), got.data(), in.size());
        for (std::size_t v = 0; v < got.size(); ++v) {
            float want = 0.0f;
            for (std::size_t l = 0; l < lanes; ++l) want += in[v * lanes + l];
            EXPECT_EQ(got[v], want) << ganforge::isa_name(isa) << ", vector " << v;
        }
    }
}

}  // namespace
