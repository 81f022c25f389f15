// Every ganforge::Activation against Keras' formula for it, evaluated in
// double, through each layer that applies an activation: Activation, Dense,
// Conv2D and Conv2DTranspose.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <ganforge/ganforge.hpp>

#include "test_support.hpp"

namespace {

namespace gf = ganforge;

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// keras.activations, by the name Keras gives them.
const std::map<std::string, std::function<double(double)>> keras_formulas{
    {"linear", [](double x) { return x; }},
    {"relu", [](double x) { return x > 0 ? x : 0.0; }},
    {"sigmoid", sigmoid},
    {"tanh", [](double x) { return std::tanh(x); }},
    {"elu", [](double x) { return x > 0 ? x : std::exp(x) - 1.0; }},
    {"selu",
     [](double x) {
         const double alpha = 1.6732632423543772848170429916717;
         const double scale = 1.0507009873554804934193349852946;
         return scale * (x > 0 ? x : alpha * (std::exp(x) - 1.0));
     }},
    {"softplus", [](double x) { return std::log(std::exp(x) + 1.0); }},
    {"softsign", [](double x) { return x / (std::fabs(x) + 1.0); }},
    {"swish", [](double x) { return x * sigmoid(x); }},
    {"exponential", [](double x) { return std::exp(x); }},
};

// Every enumerator: keras_name() answers "?" past the last one, so a new
// activation without a formula here fails the test.
std::vector<gf::Activation> every_activation() {
    std::vector<gf::Activation> all;
    for (int i = 0; gf::keras_name(gf::Activation(i)) != "?"; ++i) all.push_back(gf::Activation(i));
    return all;
}

const std::vector<float> points{-20.0f, -5.0f, -1.0f, -0.25f, 0.0f, 0.25f, 1.0f, 5.0f, 20.0f};

void expect_keras(gf::Activation a, const std::vector<float>& got, const char* layer) {
    const std::string name(gf::keras_name(a));
    ASSERT_TRUE(keras_formulas.contains(name)) << "no Keras formula for " << name;
    ASSERT_EQ(got.size(), points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double want = keras_formulas.at(name)(points[i]);
        EXPECT_NEAR(got[i], want, 2e-6 * std::max(1.0, std::fabs(want)))
            << layer << " " << name << "(" << points[i] << ")";
    }
}

TEST(Activations, EveryEnumeratorHasAKerasFormula) {
    EXPECT_EQ(every_activation().size(), keras_formulas.size());
}

TEST(Activations, ActivationLayer) {
    const gf::Shape shape{points.size()};
    for (gf::Activation a : every_activation())
        expect_keras(a, foundation_tests::run(shape, {gf::ActivationLayer{.activation = a}.spec()}, {}, points),
                     "Activation");
}

TEST(Activations, DenseConv2DAndConv2DTransposeApplyTheirs) {
    // Weight 1 and bias 0 pass x through, so the layer's output is a(x).
    const gf::Shape image{1, points.size(), 1};
    for (gf::Activation a : every_activation()) {
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

}  // namespace
