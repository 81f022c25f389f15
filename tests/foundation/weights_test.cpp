// The weight table in Keras' get_weights() order and layout, set_weights'
// errors, and glorot_uniform: reproducible, within the Glorot limit, biases
// 0 and BatchNormalization 1/0/0/1.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/models.hpp"
#include <ganforge/ganforge.hpp>

#include "test_support.hpp"

namespace {

namespace gf = ganforge;
using gf::WeightRole;
using testing::HasSubstr;

// One row of the expected table.
struct Row {
    std::size_t layer;
    WeightRole role;
    std::vector<std::size_t> dims;
    bool trainable;
};

void expect_table(const gf::WeightStore& w, const std::vector<Row>& expected) {
    const auto& entries = w.entries();
    ASSERT_EQ(entries.size(), expected.size());
    std::size_t offset = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const gf::WeightEntry& e = entries[i];
        SCOPED_TRACE(w.describe(e));
        EXPECT_EQ(e.layer, expected[i].layer);
        EXPECT_EQ(e.tensor.role, expected[i].role);
        EXPECT_EQ(std::vector<std::size_t>(e.tensor.dims.begin(), e.tensor.dims.begin() + e.tensor.rank),
                  expected[i].dims);
        EXPECT_EQ(e.tensor.trainable, expected[i].trainable);
        EXPECT_EQ(e.offset, offset);  // packed, in order
        offset += e.tensor.size();
    }
    EXPECT_EQ(w.data().size(), offset);
}

// Every kind of weighted layer: Dense on a vector and on an image, Conv2D,
// Conv2DTranspose (kernel [kh, kw, out, in]) and BatchNormalization.
using Mixed = gf::Sequential<
    gf::Input{{100}}, gf::Dense{.units = 1024, .use_bias = false}, gf::BatchNormalization{},
    gf::ReLU{}, gf::Reshape{{4, 4, 64}},
    gf::Conv2DTranspose{.filters = 32, .kernel_size = {5, 3}, .strides = 2, .padding = gf::Padding::same},
    gf::Conv2D{.filters = 6, .kernel_size = {3, 2}}, gf::Dense{.units = 7},
    gf::BatchNormalization{.center = false}, gf::BatchNormalization{.scale = false},
    gf::BatchNormalization{.center = false, .scale = false}>;

TEST(WeightTable, KerasOrderAndLayout) {
    const gf::Weights<Mixed> w;
    expect_table(w, {
                        {0, WeightRole::kernel, {100, 1024}, true},
                        {1, WeightRole::gamma, {1024}, true},
                        {1, WeightRole::beta, {1024}, true},
                        {1, WeightRole::moving_mean, {1024}, false},
                        {1, WeightRole::moving_variance, {1024}, false},
                        {4, WeightRole::kernel, {5, 3, 32, 64}, true},
                        {4, WeightRole::bias, {32}, true},
                        {5, WeightRole::kernel, {3, 2, 32, 6}, true},
                        {5, WeightRole::bias, {6}, true},
                        {6, WeightRole::kernel, {6, 7}, true},  // Dense on an image: [channels, units]
                        {6, WeightRole::bias, {7}, true},
                        {7, WeightRole::gamma, {7}, true},
                        {7, WeightRole::moving_mean, {7}, false},
                        {7, WeightRole::moving_variance, {7}, false},
                        {8, WeightRole::beta, {7}, true},
                        {8, WeightRole::moving_mean, {7}, false},
                        {8, WeightRole::moving_variance, {7}, false},
                        {9, WeightRole::moving_mean, {7}, false},
                        {9, WeightRole::moving_variance, {7}, false},
                    });
    EXPECT_EQ(w.data().size(), Mixed::param_count);
}

TEST(WeightTable, DescribeNamesLayerTensorAndShape) {
    const gf::Weights<Mixed> w;
    EXPECT_EQ(w.describe(w.entries()[5]), "conv2d_transpose_1/kernel [5, 3, 32, 64]");
    EXPECT_EQ(w.describe(w.entries()[14]), "batch_normalization_3/beta [7]");
}

TEST(WeightTable, FindGivesTheTensorOrNothing) {
    gf::Weights<Mixed> w;
    std::vector<std::vector<float>> values;
    for (const gf::WeightEntry& e : w.entries())
        values.emplace_back(e.tensor.size(), float(values.size()));
    w.set_weights(values);
    EXPECT_THAT(w.find(7, WeightRole::gamma), testing::Each(11.0f));
    EXPECT_TRUE(w.find(7, WeightRole::beta).empty());  // center off
    EXPECT_TRUE(w.find(0, WeightRole::bias).empty());  // use_bias off
    EXPECT_TRUE(w.find(2, WeightRole::kernel).empty());  // ReLU
    EXPECT_EQ(w.find(4, WeightRole::bias).size(), 32u);
}

TEST(SetWeights, RoundTripsThroughGetWeights) {
    gf::Weights<examples::SeedTconv> w;
    std::vector<std::vector<float>> values;
    for (const gf::WeightEntry& e : w.entries()) {
        values.emplace_back(e.tensor.size());
        for (std::size_t i = 0; i < values.back().size(); ++i) values.back()[i] = float(i % 97) - 48.0f;
    }
    w.set_weights(values);
    EXPECT_EQ(w.get_weights(), values);
}

TEST(SetWeights, WrongCountNamesBothCounts) {
    gf::Weights<examples::SeedTconv> w;
    try {
        w.set_weights({{1.0f}});
        FAIL() << "no error";
    } catch (const gf::Error& e) {
        EXPECT_THAT(e.what(), HasSubstr("4 weight tensors"));
        EXPECT_THAT(e.what(), HasSubstr("got 1"));
    }
}

TEST(SetWeights, WrongSizeNamesLayerTensorAndBothSizes) {
    gf::Weights<examples::SeedTconv> w;
    auto values = w.get_weights();
    values[2].resize(1151);  // conv2d_transpose_1/kernel holds 3 * 3 * 1 * 128 = 1152
    try {
        w.set_weights(values);
        FAIL() << "no error";
    } catch (const gf::Error& e) {
        EXPECT_THAT(e.what(), HasSubstr("conv2d_transpose_1/kernel"));
        EXPECT_THAT(e.what(), HasSubstr("1152"));
        EXPECT_THAT(e.what(), HasSubstr("1151"));
    }
}

TEST(SetWeights, AFailedCallChangesNothing) {
    gf::Weights<examples::Tconv1x1Stride2> w;
    w.set_weights({{2.0f}, {0.5f}});
    EXPECT_THROW(w.set_weights({{3.0f}, {1.0f, 2.0f}}), gf::Error);
    EXPECT_EQ(w.get_weights(), (std::vector<std::vector<float>>{{2.0f}, {0.5f}}));
}

// Keras' fans: the last two kernel axes, times the receptive field.
float glorot_limit(const gf::TensorSpec& t) {
    std::size_t receptive = 1;
    for (std::size_t i = 0; i + 2 < t.rank; ++i) receptive *= t.dims[i];
    return float(std::sqrt(6.0 / double((t.dims[t.rank - 2] + t.dims[t.rank - 1]) * receptive)));
}

TEST(GlorotUniform, KernelsWithinTheLimitOthersKerasConstants) {
    const auto w = gf::glorot_uniform<Mixed>(7);
    for (const gf::WeightEntry& e : w.entries()) {
        SCOPED_TRACE(w.describe(e));
        const auto t = w.tensor(e);
        switch (e.tensor.role) {
            case WeightRole::kernel: {
                const float limit = glorot_limit(e.tensor);
                float largest = 0.0f;
                double sum = 0.0;
                for (float v : t) {
                    ASSERT_LE(std::fabs(v), limit);
                    largest = std::max(largest, std::fabs(v));
                    sum += v;
                }
                // Uniform over the whole range, centred: every kernel here
                // has 42 or more values.
                EXPECT_GT(largest, 0.8f * limit);
                EXPECT_LT(std::fabs(sum / double(t.size())), 0.25 * limit);
                break;
            }
            case WeightRole::gamma:
            case WeightRole::moving_variance: EXPECT_THAT(t, testing::Each(1.0f)); break;
            case WeightRole::bias:
            case WeightRole::beta:
            case WeightRole::moving_mean:
            case WeightRole::alpha: EXPECT_THAT(t, testing::Each(0.0f)); break;
            case WeightRole::embeddings:
                for (float v : t) ASSERT_LE(std::fabs(v), 0.05f);
                break;
        }
    }
}

TEST(GlorotUniform, TheLimitUsesKerasFans) {
    // Dense [100, 1024]: sqrt(6 / 1124); Conv2DTranspose [5, 3, 32, 64]:
    // sqrt(6 / (15 * 96)); Conv2D [3, 2, 32, 6]: sqrt(6 / (6 * 38)).
    const gf::Weights<Mixed> w;
    EXPECT_FLOAT_EQ(glorot_limit(w.entries()[0].tensor), std::sqrt(6.0f / 1124.0f));
    EXPECT_FLOAT_EQ(glorot_limit(w.entries()[5].tensor), std::sqrt(6.0f / 1440.0f));
    EXPECT_FLOAT_EQ(glorot_limit(w.entries()[7].tensor), std::sqrt(6.0f / 228.0f));
}

TEST(GlorotUniform, SameSeedSameWeightsOtherSeedOthers) {
    const auto a = gf::glorot_uniform<examples::SeedUpsample>(42);
    const auto b = gf::glorot_uniform<examples::SeedUpsample>(42);
    const auto c = gf::glorot_uniform<examples::SeedUpsample>(43);
    EXPECT_TRUE(std::equal(a.data().begin(), a.data().end(), b.data().begin(), b.data().end()));
    EXPECT_FALSE(std::equal(a.data().begin(), a.data().end(), c.data().begin(), c.data().end()));
}

// The sequence is fully specified (splitmix64), so its values are the same on
// every machine; these were computed by an independent Python transcription.
TEST(GlorotUniform, ValuesArePinned) {
    using Tiny = gf::Sequential<gf::Input{{2}}, gf::Dense{.units = 3}>;
    const auto w = gf::glorot_uniform<Tiny>(42);
    EXPECT_THAT(w.get_weights()[0],
                testing::ElementsAre(0.5292421579360962f, -0.7450990676879883f, -0.4850606918334961f,
                                     -0.3413611650466919f, -1.0121252536773682f, 0.8067471981048584f));
}

}  // namespace
