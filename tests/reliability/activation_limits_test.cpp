// Activations at their limits, as TensorFlow computes them: NaN, the
// infinities, zeros, denormals, huge values, and the saturation range of
// sigmoid and tanh (|x| > 20, where a fast approximation can overflow to
// inf / inf = NaN or leave [0, 1]). Checked on ganforge::activate (what the
// interpreter and the generated code's scalar path call) and on every engine,
// both for an activation layer alone and fused into a Dense layer's epilogue.
//
// The table below is documented (docs/reliability.md); it is TensorFlow's,
// e.g. relu(NaN) = NaN (Eigen's max keeps a NaN first operand),
// sigmoid(+-inf) = 1 / 0, tanh(+-inf) = +-1, softsign(+-inf) = inf / inf =
// NaN, swish(-inf) = -inf * sigmoid(-inf) = -inf * 0 = NaN (so too gelu,
// hard_silu and mish at -inf), but for two choices of ganforge's: NaN stays
// NaN where TensorFlow's compare-and-select gives 0 (soft_shrink,
// hard_shrink), and squareplus(-inf) is its limit 0 where TensorFlow's
// x + sqrt(x^2 + 4) is inf - inf = NaN.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include <gtest/gtest.h>

#include "runtime/activation.hpp"

#include "model_engines.hpp"
#include "probe_models.hpp"

namespace {

using ganforge::Activation;
using reliability::Engine;

constexpr float nan = std::numeric_limits<float>::quiet_NaN();
constexpr float inf = std::numeric_limits<float>::infinity();
constexpr float big = std::numeric_limits<float>::max();

struct Row {
    Activation activation;
    float nan_in, plus_inf, minus_inf;
};

// activation(NaN), activation(+inf), activation(-inf).
constexpr Row table[] = {
    {Activation::linear, nan, inf, -inf},
    {Activation::relu, nan, inf, 0.0f},
    {Activation::sigmoid, nan, 1.0f, 0.0f},
    {Activation::tanh, nan, 1.0f, -1.0f},
    {Activation::elu, nan, inf, -1.0f},
    {Activation::selu, nan, inf, -1.0507009873554805f * 1.6732632423543772f},
    {Activation::softplus, nan, inf, 0.0f},
    {Activation::softsign, nan, nan, nan},
    {Activation::swish, nan, inf, nan},
    {Activation::exponential, nan, inf, 0.0f},
    {Activation::relu6, nan, 6.0f, 0.0f},
    {Activation::leaky_relu, nan, inf, -inf},
    {Activation::gelu, nan, inf, nan},
    {Activation::hard_sigmoid, nan, 1.0f, 0.0f},
    {Activation::hard_sigmoid_keras2, nan, 1.0f, 0.0f},
    {Activation::hard_silu, nan, inf, nan},
    {Activation::hard_tanh, nan, 1.0f, -1.0f},
    {Activation::mish, nan, inf, nan},
    {Activation::log_sigmoid, nan, 0.0f, -inf},
    {Activation::tanh_shrink, nan, inf, -inf},
    {Activation::soft_shrink, nan, inf, -inf},
    {Activation::hard_shrink, nan, inf, -inf},
    {Activation::sparse_plus, nan, inf, 0.0f},
    {Activation::sparse_sigmoid, nan, 1.0f, 0.0f},
    {Activation::squareplus, nan, inf, 0.0f},
    {Activation::celu, nan, inf, -1.0f},
};

bool same_value(float got, float want) { return std::isnan(want) ? std::isnan(got) : got == want; }

// TensorFlow's definition of each activation, in double.
double reference(Activation a, double x) {
    auto sigmoid = [](double v) { return 1.0 / (1.0 + std::exp(-v)); };
    auto softplus = [](double v) { return std::log1p(std::exp(-std::fabs(v))) + (v > 0 ? v : 0); };
    auto clip = [](double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; };
    auto hard_sigmoid = [&](double v) { return clip(v + 3, 0, 6) / 6; };
    switch (a) {
        case Activation::linear: return x;
        case Activation::relu: return x < 0 ? 0 : x;
        case Activation::sigmoid: return sigmoid(x);
        case Activation::tanh: return std::tanh(x);
        case Activation::elu: return x > 0 ? x : std::expm1(x);
        case Activation::selu: return 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * std::expm1(x));
        case Activation::softplus: return std::log1p(std::exp(-std::fabs(x))) + (x > 0 ? x : 0);
        case Activation::softsign: return x / (1 + std::fabs(x));
        case Activation::swish: return x * sigmoid(x);
        case Activation::exponential: return std::exp(x);
        case Activation::relu6: return clip(x, 0, 6);
        case Activation::leaky_relu: return x > 0 ? x : 0.2 * x;
        case Activation::gelu: return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
        case Activation::hard_sigmoid: return hard_sigmoid(x);
        case Activation::hard_sigmoid_keras2: return clip(0.2 * x + 0.5, 0, 1);
        case Activation::hard_silu: return x * hard_sigmoid(x);
        case Activation::hard_tanh: return clip(x, -1, 1);
        case Activation::mish: return x * std::tanh(softplus(x));
        case Activation::log_sigmoid: return -softplus(-x);
        case Activation::tanh_shrink: return x - std::tanh(x);
        case Activation::soft_shrink: return x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : std::isnan(x) ? x : 0;
        case Activation::hard_shrink: return std::fabs(x) > 0.5 || std::isnan(x) ? x : 0;
        case Activation::sparse_plus: return x <= -1 ? 0 : x < 1 ? (x + 1) * (x + 1) / 4 : x;
        case Activation::sparse_sigmoid: return x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2;
        case Activation::squareplus:  // as x goes to -inf, (x + sqrt(x^2 + 4)) / 2 is 2 / (sqrt(x^2 + 4) - x)
            return x >= 0 ? (x + std::sqrt(x * x + 4)) / 2 : 2 / (std::sqrt(x * x + 4) - x);
        case Activation::celu: return x > 0 ? x : std::expm1(x);
    }
    return x;
}

// The probe values: the special ones, then a sweep over [-100, 100] that
// covers every activation's saturation.
std::vector<float> probe_values() {
    std::vector<float> v = {nan, inf, -inf, 0.0f, -0.0f, big, -big, std::numeric_limits<float>::min(),
                            std::numeric_limits<float>::denorm_min(), -std::numeric_limits<float>::denorm_min(),
                            1e-40f, -1e-40f, 1e10f, -1e10f};
    for (const float x : {9.0f, 15.0f, 17.0f, 20.0f, 20.5f, 30.0f, 44.4f, 45.0f, 87.0f, 88.0f, 88.8f, 89.0f, 104.0f})
        v.insert(v.end(), {x, -x});
    const std::size_t n = probes::activation_probe_size - v.size();
    for (std::size_t i = 0; i < n; ++i) v.push_back(-100.0f + 200.0f * float(i) / float(n - 1));
    return v;
}

// |got - want| within 2e-6 relative (absolute below 1), classes equal.
::testing::AssertionResult close(float got, double want_double, float x) {
    const float want = float(want_double);
    if (std::isnan(want) || std::isinf(want)) {
        if (same_value(got, want)) return ::testing::AssertionSuccess();
    } else if (std::fabs(double(got) - want_double) <= 2e-6 * std::max(1.0, std::fabs(want_double))) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "at x = " << x << " got " << got << ", TensorFlow's is " << want;
}

TEST(ActivationLimits, TheTableHasEveryActivation) {
    EXPECT_EQ(std::size(table), std::size(ganforge::all_activations));
    for (const Activation a : ganforge::all_activations)
        EXPECT_TRUE(std::any_of(std::begin(table), std::end(table), [a](const Row& r) { return r.activation == a; }))
            << ganforge::enumerator_name(a);
}

TEST(ActivationLimits, ScalarActivationsFollowTheTable) {
    for (const Row& r : table) {
        const auto name = ganforge::keras_name(r.activation);
        EXPECT_TRUE(same_value(ganforge::activate(r.activation, nan), r.nan_in)) << name << "(NaN)";
        EXPECT_TRUE(same_value(ganforge::activate(r.activation, inf), r.plus_inf)) << name << "(+inf)";
        EXPECT_TRUE(same_value(ganforge::activate(r.activation, -inf), r.minus_inf)) << name << "(-inf)";
    }
    for (const float alpha : {0.0f, 0.2f, 1.5f}) {
        EXPECT_TRUE(std::isnan(ganforge::leaky_relu(nan, alpha))) << alpha;
        EXPECT_EQ(ganforge::leaky_relu(inf, alpha), inf) << alpha;
        EXPECT_TRUE(same_value(ganforge::leaky_relu(-inf, alpha), alpha * -inf)) << alpha;  // 0 * -inf is NaN
    }
}

TEST(ActivationLimits, ScalarActivationsMatchTensorFlowOverTheSweep) {
    for (const Row& r : table)
        for (const float x : probe_values())
            ASSERT_TRUE(close(ganforge::activate(r.activation, x), reference(r.activation, x), x))
                << ganforge::keras_name(r.activation);
}

// Each engine of probe model M, fed the probe values (or with them as the
// bias), against the double reference of `f`.
template <class M, class Reference>
void check_engines(const ganforge::WeightStore& weights, std::span<const float> input, std::span<const float> xs,
                   Reference f) {
    for (const Engine& e : reliability::engines<M>(weights)) {
        const auto out = e.run(input, 1, xs.size());
        for (std::size_t i = 0; i < xs.size(); ++i) ASSERT_TRUE(close(out[i], f(double(xs[i])), xs[i])) << e.name;
    }
}

// The probe values as the bias of a zero-kernel Dense probe.
template <class M>
ganforge::WeightStore bias_weights(std::span<const float> xs) {
    ganforge::WeightStore w(M::spec());
    const auto bias = w.tensor(w.entries().at(1));
    std::copy(xs.begin(), xs.end(), bias.begin());
    return w;
}

template <Activation A>
void check_activation() {
    SCOPED_TRACE(std::string(ganforge::keras_name(A)));
    const auto xs = probe_values();
    const auto f = [](double x) { return reference(A, x); };
    // Alone: the probe values are the input.
    using Alone = probes::Activation<A>;
    check_engines<Alone>(ganforge::WeightStore(Alone::spec()), xs, xs, f);
    // Fused into Dense: zero kernel, the probe values as the bias.
    using Fused = probes::DenseBias<A>;
    const float one = 1.0f;
    check_engines<Fused>(bias_weights<Fused>(xs), std::span(&one, 1), xs, f);
}

TEST(ActivationLimits, EveryEngineMatchesTensorFlow) {
    check_activation<Activation::relu>();
    check_activation<Activation::sigmoid>();
    check_activation<Activation::tanh>();
    check_activation<Activation::elu>();
    check_activation<Activation::selu>();
    check_activation<Activation::softplus>();
    check_activation<Activation::softsign>();
    check_activation<Activation::swish>();
    check_activation<Activation::exponential>();
    check_activation<Activation::relu6>();
    check_activation<Activation::leaky_relu>();
    check_activation<Activation::gelu>();
    check_activation<Activation::hard_sigmoid>();
    check_activation<Activation::hard_sigmoid_keras2>();
    check_activation<Activation::hard_silu>();
    check_activation<Activation::hard_tanh>();
    check_activation<Activation::mish>();
    check_activation<Activation::log_sigmoid>();
    check_activation<Activation::tanh_shrink>();
    check_activation<Activation::soft_shrink>();
    check_activation<Activation::hard_shrink>();
    check_activation<Activation::sparse_plus>();
    check_activation<Activation::sparse_sigmoid>();
    check_activation<Activation::squareplus>();
    check_activation<Activation::celu>();
}

template <class M>
void check_leaky(float alpha) {
    SCOPED_TRACE(::testing::Message() << "LeakyReLU alpha " << alpha);
    const auto xs = probe_values();
    const ganforge::WeightStore w(M::spec());
    check_engines<M>(w, xs, xs, [alpha](double x) { return x > 0 ? x : double(alpha) * x; });
}

TEST(ActivationLimits, LeakyReluAndReluLayersMatchTensorFlow) {
    check_leaky<probes::LeakyRelu>(0.2f);
    check_leaky<probes::LeakyReluZero>(0.0f);
    check_leaky<probes::LeakyReluSteep>(1.5f);
    const auto xs = probe_values();
    const float one = 1.0f;
    check_engines<probes::DenseBiasLeakyZero>(bias_weights<probes::DenseBiasLeakyZero>(xs), std::span(&one, 1), xs,
                                              [](double x) { return x > 0 ? x : 0.0 * x; });
    check_engines<probes::Relu>(ganforge::WeightStore(probes::Relu::spec()), xs, xs,
                                [](double x) { return reference(Activation::relu, x); });
}

}  // namespace
