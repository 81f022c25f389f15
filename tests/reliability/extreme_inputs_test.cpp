// Denormal and huge values through every layer probe and every engine.
// - Denormals: TensorFlow flushes them to zero on its CPU threads (Eigen's
//   ScopedFlushDenormal), the interpreter computes with them; either way
//   their contribution is below 1e-37, so a denormal input or weight gives
//   the output of a zero there, to the refcases' tolerance, on every engine.
// - Huge finite inputs (1e30, mixed signs): every engine agrees with the
//   interpreter to the refcases' tolerance relative to the largest output.
// - Overflow: with inputs of FLT_MAX / 2 and every kernel weight 1, a sum of
//   three or more terms overflows to +inf in any order of summation (two make
//   exactly FLT_MAX), so the outcome is fixed: every engine gives the
//   interpreter's infinities and the activations' limits (tanh(+inf) = 1),
//   never NaN where it has none.
#include <algorithm>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "model_engines.hpp"
#include "probe_list.hpp"

namespace {

using reliability::Engine;

std::vector<float> pattern(std::size_t n, float scale) {
    std::vector<float> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = scale * std::sin(float(i) * 0.9f + 0.2f);
    return x;
}

// |got - want| <= 1e-4 * max(1, max |want|) (the agreed tolerance), NaN and
// infinities in the same places.
::testing::AssertionResult near(std::span<const float> got, std::span<const float> want) {
    float largest = 1.0f;
    for (const float w : want)
        if (std::isfinite(w)) largest = std::max(largest, std::fabs(w));
    for (std::size_t i = 0; i < want.size(); ++i) {
        const bool ok = std::isfinite(want[i]) ? std::fabs(got[i] - want[i]) <= 1e-4f * largest
                        : std::isnan(want[i])  ? std::isnan(got[i])
                                               : got[i] == want[i];
        if (!ok) return ::testing::AssertionFailure() << "output " << i << " is " << got[i] << ", expected " << want[i];
    }
    return ::testing::AssertionSuccess();
}

template <class M>
class ExtremeInputs : public ::testing::Test {
protected:
    const ganforge::ModelSpec model = M::spec();
    const std::size_t in_size = model.input_shape().size(), out_size = model.output_shape().size();

    // Every engine on `input` against `want`.
    void expect_engines(const ganforge::WeightStore& w, std::span<const float> input, std::span<const float> want) {
        for (const Engine& e : reliability::engines<M>(w)) EXPECT_TRUE(near(e.run(input, 1, out_size), want)) << e.name;
    }
};
TYPED_TEST_SUITE(ExtremeInputs, reliability::LayerProbes, reliability::LayerProbeNames);

TYPED_TEST(ExtremeInputs, DenormalInputsActAsZeros) {
    const auto w = reliability::probe_weights(this->model, 4);
    const auto zeros = reliability::interpreter_engine(w).run(std::vector<float>(this->in_size), 1, this->out_size);
    this->expect_engines(w, pattern(this->in_size, 1e-39f), zeros);
}

TYPED_TEST(ExtremeInputs, DenormalWeightsActAsZeros) {
    auto w = reliability::probe_weights(this->model, 5);
    auto zeroed = w;
    for (const ganforge::WeightEntry& e : w.entries())
        if (e.tensor.role == ganforge::WeightRole::kernel) {
            for (float& v : w.tensor(e)) v *= 1e-39f;
            std::ranges::fill(zeroed.tensor(e), 0.0f);
        }
    const auto input = pattern(this->in_size, 1.0f);
    this->expect_engines(w, input, reliability::interpreter_engine(zeroed).run(input, 1, this->out_size));
}

TYPED_TEST(ExtremeInputs, HugeInputsAgreeWithTheInterpreter) {
    const auto w = reliability::probe_weights(this->model, 6);
    const auto input = pattern(this->in_size, 1e30f);
    this->expect_engines(w, input, reliability::interpreter_engine(w).run(input, 1, this->out_size));
}

TYPED_TEST(ExtremeInputs, OverflowGivesTheSameInfinitiesEverywhere) {
    auto w = reliability::probe_weights(this->model, 7);
    for (const ganforge::WeightEntry& e : w.entries())
        if (e.tensor.role == ganforge::WeightRole::kernel) std::ranges::fill(w.tensor(e), 1.0f);
    const std::vector<float> input(this->in_size, std::numeric_limits<float>::max() / 2);
    const auto want = reliability::interpreter_engine(w).run(input, 1, this->out_size);
    const auto& l = this->model.layers.back();
    const bool sums = this->model.layers.size() == 1 && l.kind != ganforge::LayerKind::up_sampling2d &&
                      l.kind != ganforge::LayerKind::batch_normalization;
    for (const float y : want) {
        EXPECT_FALSE(std::isnan(y));
        // A single layer that sums terms: +inf, or the bias where no tap lands.
        if (sums && l.kind != ganforge::LayerKind::conv2d_transpose) {
            EXPECT_EQ(y, std::numeric_limits<float>::infinity());
        }
    }
    this->expect_engines(w, input, want);
}

}  // namespace
