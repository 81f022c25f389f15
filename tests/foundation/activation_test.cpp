// Every ganforge::Activation against TensorFlow's definition of it (Keras 2's
// and Keras 3's keras.activations with their default parameters), evaluated
// in double, through each layer that applies an activation: Activation,
// Dense, Conv2D and Conv2DTranspose. The infinities and the sweep over
// saturation are tests/reliability/activation_limits_test.cpp's.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <ganforge/ganforge.hpp>

#include "test_support.hpp"

namespace {

namespace gf = ganforge;
using gf::Activation;

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double softplus(double x) { return std::log(std::exp(x) + 1.0); }
double clip(double x, double lo, double hi) { return std::min(std::max(x, lo), hi); }
double hard_sigmoid(double x) { return clip(x + 3.0, 0.0, 6.0) / 6.0; }

// keras.activations: Keras 3's keras/src/activations and backend, Keras 2's
// keras/activations.py and backend.py.
const std::map<Activation, std::function<double(double)>> keras_formulas{
    {Activation::linear, [](double x) { return x; }},
    {Activation::relu, [](double x) { return x > 0 ? x : 0.0; }},
    {Activation::sigmoid, sigmoid},
    {Activation::tanh, [](double x) { return std::tanh(x); }},
    {Activation::elu, [](double x) { return x > 0 ? x : std::exp(x) - 1.0; }},
    {Activation::selu,
     [](double x) {
         const double alpha = 1.6732632423543772848170429916717;
         const double scale = 1.0507009873554804934193349852946;
         return scale * (x > 0 ? x : alpha * (std::exp(x) - 1.0));
     }},
    {Activation::softplus, softplus},
    {Activation::softsign, [](double x) { return x / (std::fabs(x) + 1.0); }},
    {Activation::swish, [](double x) { return x * sigmoid(x); }},
    {Activation::exponential, [](double x) { return std::exp(x); }},
    {Activation::relu6, [](double x) { return clip(x, 0.0, 6.0); }},
    {Activation::leaky_relu, [](double x) { return x > 0 ? x : 0.2 * x; }},  // negative_slope 0.2
    {Activation::gelu, [](double x) { return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0))); }},
    {Activation::hard_sigmoid, hard_sigmoid},
    {Activation::hard_sigmoid_keras2, [](double x) { return clip(0.2 * x + 0.5, 0.0, 1.0); }},
    {Activation::hard_silu, [](double x) { return x * hard_sigmoid(x); }},
    {Activation::hard_tanh, [](double x) { return clip(x, -1.0, 1.0); }},
    {Activation::mish, [](double x) { return x * std::tanh(softplus(x)); }},
    {Activation::log_sigmoid, [](double x) { return std::log(sigmoid(x)); }},
    {Activation::tanh_shrink, [](double x) { return x - std::tanh(x); }},
    {Activation::soft_shrink, [](double x) { return x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0.0; }},
    {Activation::hard_shrink, [](double x) { return std::fabs(x) > 0.5 ? x : 0.0; }},
    {Activation::sparse_plus, [](double x) { return x <= -1 ? 0.0 : x < 1 ? (x + 1) * (x + 1) / 4 : x; }},
    {Activation::sparse_sigmoid, [](double x) { return x <= -1 ? 0.0 : x >= 1 ? 1.0 : (x + 1) / 2; }},
    {Activation::squareplus, [](double x) { return (x + std::sqrt(x * x + 4.0)) / 2.0; }},  // b 4
    {Activation::celu, [](double x) { return std::max(x, 0.0) + std::expm1(std::min(x, 0.0)); }},  // alpha 1
};

// The kinks of the piecewise functions (+-0.5, +-1, +-2.5, +-3, 6) and
// points on either side, and the saturated tails.
const std::vector<float> points{-20.0f, -7.0f, -5.0f, -3.0f, -2.5f, -1.0f, -0.6f, -0.5f, -0.25f, 0.0f,
                                0.25f,  0.5f,  0.6f,  1.0f,  2.0f,  2.5f,  3.0f,  5.0f,  6.0f,   7.0f, 20.0f};

void expect_keras(Activation a, const std::vector<float>& got, const char* layer) {
    const auto name = gf::enumerator_name(a);
    ASSERT_TRUE(keras_formulas.contains(a)) << "no Keras formula for " << name;
    ASSERT_EQ(got.size(), points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double want = keras_formulas.at(a)(points[i]);
        EXPECT_NEAR(got[i], want, 2e-6 * std::max(1.0, std::fabs(want)))
            << layer << " " << name << "(" << points[i] << ")";
    }
}

TEST(Activations, EveryEnumeratorHasAKerasFormula) {
    EXPECT_EQ(std::size(gf::all_activations), keras_formulas.size());
    for (Activation a : gf::all_activations) EXPECT_TRUE(keras_formulas.contains(a)) << gf::enumerator_name(a);
}

TEST(Activations, EnumeratorsAreKerasNamesButForKeras2HardSigmoid) {
    for (Activation a : gf::all_activations)
        if (a != Activation::hard_sigmoid_keras2) EXPECT_EQ(gf::enumerator_name(a), gf::keras_name(a));
    EXPECT_EQ(gf::keras_name(Activation::hard_sigmoid_keras2), "hard_sigmoid");
    EXPECT_EQ(gf::enumerator_name(Activation::hard_sigmoid_keras2), "hard_sigmoid_keras2");
    // Keras' aliases are the same functions.
    EXPECT_EQ(Activation::silu, Activation::swish);
    EXPECT_EQ(Activation::hard_swish, Activation::hard_silu);
}

TEST(Activations, ActivationLayer) {
    const gf::Shape shape{points.size()};
    for (Activation a : gf::all_activations)
        expect_keras(a, foundation_tests::run(shape, {gf::ActivationLayer{.activation = a}.spec()}, {}, points),
                     "Activation");
}

TEST(Activations, DenseConv2DAndConv2DTransposeApplyTheirs) {
    // Weight 1 and bias 0 pass x through, so the layer's output is a(x).
    const gf::Shape image{1, points.size(), 1};
    for (Activation a : gf::all_activations) {
        expect_keras(a,
                     foundation_tests::run({1, points.size(), 1}, {gf::Dense{.units = 1, .activation = a}.spec()},
                                           {{1.0f}, {0.0f}}, points),
                     "Dense");
        expect_keras(a,
                     foundation_tests::run(image, {gf::Conv2D{.filters = 1, .kernel_size = 1, .activation = a}.spec()},
                                           {{1.0f}, {0.0f}}, points),
                     "Conv2D");
        expect_keras(a,
                     foundation_tests::run(
                         image, {gf::Conv2DTranspose{.filters = 1, .kernel_size = 1, .activation = a}.spec()},
                         {{1.0f}, {0.0f}}, points),
                     "Conv2DTranspose");
    }
}

// Where TensorFlow's compare-and-select would give a number (the shrinks'
// 0), ganforge keeps the NaN: a NaN that disappears hides a bug.
TEST(Activations, NaNInGivesNaNOut) {
    const std::vector<float> nan{std::numeric_limits<float>::quiet_NaN()};
    for (Activation a : gf::all_activations)
        EXPECT_TRUE(std::isnan(foundation_tests::run({1}, {gf::ActivationLayer{.activation = a}.spec()}, {}, nan)[0]))
            << gf::enumerator_name(a);
}

}  // namespace
