// NaN and infinities in the input, one position at a time, through every
// layer kind and every engine. TensorFlow's rules: a NaN makes exactly the
// outputs whose computation reads it NaN (even through a zero weight or a
// zero bilinear weight), every activation passes NaN on, and no other output
// changes at all, in this image or another of the batch. An infinity reaches
// the same outputs; every engine classifies each output (NaN, +inf, -inf,
// finite) as the interpreter does, with one documented exception (below).
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "model_engines.hpp"
#include "probe_list.hpp"
#include "reach.hpp"

namespace {

using reliability::Engine;

constexpr float nan = std::numeric_limits<float>::quiet_NaN();
constexpr float inf = std::numeric_limits<float>::infinity();

std::vector<float> base_input(std::size_t n) {
    std::vector<float> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = std::sin(float(i) * 1.7f + 0.3f);
    return x;
}

bool same_bits(float a, float b) { return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b); }

int value_class(float v) { return std::isnan(v) ? 0 : v == inf ? 1 : v == -inf ? 2 : 3; }

const char* class_name(float v) {
    static constexpr const char* names[] = {"NaN", "+inf", "-inf", "finite"};
    return names[value_class(v)];
}

// Two images: the special value in the first at `position`, the second
// untouched; returns the engine's outputs.
std::vector<float> run_with(const Engine& e, std::span<const float> base, std::size_t position, float value,
                            std::size_t out_size) {
    std::vector<float> in(base.begin(), base.end());
    in.insert(in.end(), base.begin(), base.end());
    in[position] = value;
    return e.run(in, 2, out_size);
}

template <class M>
class SpecialValues : public ::testing::Test {};

TYPED_TEST_SUITE(SpecialValues, reliability::LayerProbes, reliability::LayerProbeNames);

TYPED_TEST(SpecialValues, NanReachesExactlyTheOutputsThatReadIt) {
    const ganforge::ModelSpec model = TypeParam::spec();
    const std::size_t in_size = model.input_shape().size(), out_size = model.output_shape().size();
    const auto weights = reliability::probe_weights(model, 1);
    const auto base = base_input(in_size);
    for (const Engine& e : reliability::engines<TypeParam>(weights)) {
        const auto clean = e.run(base, 1, out_size);
        for (std::size_t p = 0; p < in_size; ++p) {
            const auto reached = reliability::reach(model, p);
            const auto out = run_with(e, base, p, nan, out_size);
            for (std::size_t i = 0; i < 2 * out_size; ++i) {
                const bool expect_nan = i < out_size && reached[i];
                if (expect_nan) {
                    ASSERT_TRUE(std::isnan(out[i])) << e.name << ": NaN at input " << p << ", output " << i << " is " << out[i];
                } else {
                    ASSERT_TRUE(same_bits(out[i], clean[i % out_size]))
                        << e.name << ": NaN at input " << p << " changed output " << i << " (" << out[i]
                        << ", without the NaN " << clean[i % out_size] << "), which does not read it";
                }
            }
        }
    }
}

TYPED_TEST(SpecialValues, InfinityReachesTheSameOutputsAndEnginesAgree) {
    const ganforge::ModelSpec model = TypeParam::spec();
    const std::size_t in_size = model.input_shape().size(), out_size = model.output_shape().size();
    const auto weights = reliability::probe_weights(model, 2);
    const auto base = base_input(in_size);
    const auto all = reliability::engines<TypeParam>(weights);
    const Engine& reference = all.front();
    // One layer without an activation and no bilinear lerp (whose
    // top + (bottom - top) * frac turns inf into NaN): one infinite term per
    // output, so the output is that infinity.
    const bool pure_infinity = model.layers.size() == 1 && model.layers[0].activation == ganforge::Activation::linear &&
                               model.layers[0].interpolation == ganforge::Interpolation::nearest;
    // The documented exception: the generated code runs UpSampling2D
    // (nearest) + Conv2D as a convolution of the small image whose taps that
    // read the same pixel are summed beforehand, x * (w1 + w2) for Keras'
    // x * w1 + x * w2. With x infinite and w1, w2 of opposite signs Keras
    // gets inf - inf = NaN, the generated code an infinity (or, after tanh,
    // +-1). Finite values and NaN are unaffected.
    bool presums_taps = false;
    for (std::size_t i = 0; i + 1 < model.layers.size(); ++i)
        presums_taps |= model.layers[i].kind == ganforge::LayerKind::up_sampling2d &&
                        model.layers[i].interpolation == ganforge::Interpolation::nearest &&
                        model.layers[i + 1].kind == ganforge::LayerKind::conv2d;
    const auto clean = reference.run(base, 1, out_size);
    for (const float value : {inf, -inf}) {
        for (std::size_t p = 0; p < in_size; ++p) {
            const auto reached = reliability::reach(model, p);
            const auto want = run_with(reference, base, p, value, out_size);
            for (std::size_t i = 0; i < 2 * out_size; ++i) {
                if (i < out_size && reached[i]) {
                    if (pure_infinity) {
                        ASSERT_TRUE(std::isinf(want[i])) << "output " << i << " is " << want[i];
                    }
                } else {
                    ASSERT_TRUE(same_bits(want[i], clean[i % out_size])) << value << " at input " << p << " changed output " << i;
                }
            }
            for (const Engine& e : all) {
                const auto got = run_with(e, base, p, value, out_size);
                for (std::size_t i = 0; i < got.size(); ++i) {
                    if (std::isnan(want[i]) && presums_taps && &e != &reference) continue;
                    ASSERT_EQ(value_class(got[i]), value_class(want[i]))
                        << e.name << ": " << value << " at input " << p << ": output " << i << " is "
                        << class_name(got[i]) << " (" << got[i] << "), the interpreter's " << class_name(want[i])
                        << " (" << want[i] << ")";
                    if (std::isfinite(want[i])) {
                        ASSERT_NEAR(got[i], want[i], 1e-4f * std::max(1.0f, std::fabs(want[i]))) << e.name << " output " << i;
                    }
                }
            }
        }
    }
}

// TensorFlow multiplies a NaN by a zero weight and gets NaN: a Dense whose
// kernel row for input 0 is all zeros still passes a NaN in input 0 to every
// unit. An engine that skips zero weights would not.
TEST(SpecialValues, NanTimesAZeroWeightIsNan) {
    const ganforge::ModelSpec model = probes::Dense::spec();
    auto weights = reliability::probe_weights(model, 3);
    const auto kernel = weights.tensor(weights.entries().at(0));
    std::fill_n(kernel.begin(), model.layers[0].units, 0.0f);  // row 0 of [in, out]
    auto input = base_input(model.input_shape().size());
    input[0] = nan;
    for (const Engine& e : reliability::engines<probes::Dense>(weights))
        for (const float y : e.run(input, 1, model.output_shape().size()))
            EXPECT_TRUE(std::isnan(y)) << e.name << " gives " << y;
}

}  // namespace
