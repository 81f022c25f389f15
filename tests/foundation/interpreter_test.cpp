// The interpreter on cases small enough to work out by hand with Keras'
// rules: Conv2D same / valid / strided,
// Conv2DTranspose and its 'same' crop, bilinear with half-pixel centres,
// BatchNormalization, LeakyReLU, weight layouts, batches, and span checks.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "examples/models.hpp"
#include <ganforge/ganforge.hpp>

#include "test_support.hpp"

namespace {

namespace gf = ganforge;
using foundation_tests::run;
using gf::Padding;
using gf::Shape;
using testing::ElementsAre;
using testing::ElementsAreArray;
using testing::FloatNear;
using testing::Pointwise;

std::vector<float> iota(std::size_t n, float first = 1.0f) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = first + float(i);
    return v;
}

std::vector<float> ones(std::size_t n) { return std::vector<float>(n, 1.0f); }

// ---- Conv2D ----------------------------------------------------------------

gf::LayerSpec conv(gf::Size2 kernel, gf::Size2 strides, Padding padding, int filters = 1) {
    return gf::Conv2D{.filters = filters, .kernel_size = kernel, .strides = strides,
                      .padding = padding}.spec();
}

TEST(InterpreterConv2D, ValidAndSameOnAThreeByThree) {
    // 1..9 under a 3x3 kernel of ones: sums of each neighbourhood.
    EXPECT_THAT(run({3, 3, 1}, {conv(3, 1, Padding::valid)}, {ones(9), {0.0f}}, iota(9)),
                ElementsAre(45));
    EXPECT_THAT(run({3, 3, 1}, {conv(3, 1, Padding::same)}, {ones(9), {0.0f}}, iota(9)),
                ElementsAre(12, 21, 16, 27, 45, 33, 24, 39, 28));
}

TEST(InterpreterConv2D, Strided) {
    // 4x4 of 1..16, 2x2 ones, stride 2, valid: sums of the four blocks.
    EXPECT_THAT(run({4, 4, 1}, {conv(2, 2, Padding::valid)}, {ones(4), {0.0f}}, iota(16)),
                ElementsAre(14, 22, 46, 54));
    // 5x5 of 1..25, 3x3 ones, stride 2, same: padding 1 on every side.
    EXPECT_THAT(run({5, 5, 1}, {conv(3, 2, Padding::same)}, {ones(9), {0.0f}}, iota(25)),
                ElementsAre(16, 33, 28, 69, 117, 87, 76, 123, 88));
    // 4x4, 3x3, stride 2, same: one row and column of padding, after.
    EXPECT_THAT(run({4, 4, 1}, {conv(3, 2, Padding::same)}, {ones(9), {0.0f}}, iota(16)),
                ElementsAre(54, 45, 72, 54));
    // Kernel 1 below stride 3, valid: every third pixel of 7.
    EXPECT_THAT(run({1, 7, 1}, {conv(1, 3, Padding::valid)}, {{2.0f}, {0.0f}}, iota(7)),
                ElementsAre(2, 8, 14));
}

TEST(InterpreterConv2D, SamePutsTheOddPaddingAfter) {
    // [1, 2, 3, 4] under taps [1, 10]: 'same' pads one zero at the end.
    const std::vector<std::vector<float>> w{{1.0f, 10.0f}, {0.0f}};
    EXPECT_THAT(run({1, 4, 1}, {conv({1, 2}, 1, Padding::same)}, w, iota(4)),
                ElementsAre(21, 32, 43, 4));
    EXPECT_THAT(run({1, 4, 1}, {conv({1, 2}, 1, Padding::valid)}, w, iota(4)),
                ElementsAre(21, 32, 43));
    // The same along the rows.
    EXPECT_THAT(run({4, 1, 1}, {conv({2, 1}, 1, Padding::same)}, w, iota(4)),
                ElementsAre(21, 32, 43, 4));
}

TEST(InterpreterConv2D, KernelLayoutIsHeightWidthInOut) {
    // 1x1 kernel [1, 1, 2, 3]: out[o] = x0 * k[0][o] + x1 * k[1][o] + bias[o].
    EXPECT_THAT(run({1, 1, 2}, {conv(1, 1, Padding::valid, 3)},
                    {{1, 2, 3, 4, 5, 6}, {0.5f, 0.0f, -1.0f}}, {1.0f, 10.0f}),
                ElementsAre(41.5f, 52, 62));
    // 2x1 kernel, 1 in, 1 out: tap (0, 0) reads the upper pixel.
    EXPECT_THAT(run({2, 1, 1}, {conv({2, 1}, 1, Padding::valid)}, {{1.0f, 100.0f}, {0.0f}},
                    {2.0f, 3.0f}),
                ElementsAre(302));
}

// ---- Conv2DTranspose -----------------------------------------------------

gf::LayerSpec tconv(gf::Size2 kernel, gf::Size2 strides, Padding padding, int filters = 1) {
    return gf::Conv2DTranspose{.filters = filters, .kernel_size = kernel, .strides = strides,
                               .padding = padding}.spec();
}

TEST(InterpreterConv2DTranspose, TheRefcasesWorkedExample) {
    // Input [1, 10, 100], w = [1, 2, 3], stride 2: the full result
    // [1, 2, 13, 20, 130, 200, 300]; 'same' drops the last position.
    const std::vector<std::vector<float>> w{{1, 2, 3}, {0.0f}};
    const std::vector<float> x{1, 10, 100};
    EXPECT_THAT(run({1, 3, 1}, {tconv({1, 3}, {1, 2}, Padding::same)}, w, x),
                ElementsAre(1, 2, 13, 20, 130, 200));
    EXPECT_THAT(run({1, 3, 1}, {tconv({1, 3}, {1, 2}, Padding::valid)}, w, x),
                ElementsAre(1, 2, 13, 20, 130, 200, 300));
    EXPECT_THAT(run({3, 1, 1}, {tconv({3, 1}, {2, 1}, Padding::same)}, w, x),
                ElementsAre(1, 2, 13, 20, 130, 200));
}

TEST(InterpreterConv2DTranspose, SameCropTable) {
    // One input pixel of 1, taps [1..k]: 'same' keeps s positions of the k,
    // floor((k - s) / 2) cut at the start; k < s pads zeros at the end.
    struct Row { int k, s; std::vector<float> kept; };
    for (const Row& r : {Row{3, 2, {1, 2}}, Row{4, 2, {2, 3}}, Row{5, 2, {2, 3}}, Row{4, 1, {2}},
                         Row{2, 1, {1}}, Row{1, 2, {1, 0}}, Row{1, 3, {1, 0, 0}}, Row{5, 3, {2, 3, 4}}}) {
        const std::vector<std::vector<float>> w{iota(std::size_t(r.k)), {0.0f}};
        EXPECT_THAT(run({1, 1, 1}, {tconv({1, r.k}, {1, r.s}, Padding::same)}, w, {1.0f}),
                    ElementsAreArray(r.kept)) << "k=" << r.k << " s=" << r.s << " (columns)";
        EXPECT_THAT(run({1, 1, 1}, {tconv({r.k, 1}, {r.s, 1}, Padding::same)}, w, {1.0f}),
                    ElementsAreArray(r.kept)) << "k=" << r.k << " s=" << r.s << " (rows)";
    }
}

TEST(InterpreterConv2DTranspose, OverlapsAddInTwoDimensions) {
    // [[1, 2], [3, 4]], 3x3 ones, stride 2: each pixel adds a 3x3 block at
    // (2i, 2j); 'same' keeps the top-left 4x4 of the 5x5.
    const std::vector<std::vector<float>> w{ones(9), {0.0f}};
    EXPECT_THAT(run({2, 2, 1}, {tconv(3, 2, Padding::valid)}, w, iota(4)),
                ElementsAre(1, 1, 3, 2, 2,  //
                            1, 1, 3, 2, 2,  //
                            4, 4, 10, 6, 6,  //
                            3, 3, 7, 4, 4,  //
                            3, 3, 7, 4, 4));
    EXPECT_THAT(run({2, 2, 1}, {tconv(3, 2, Padding::same)}, w, iota(4)),
                ElementsAre(1, 1, 3, 2,  //
                            1, 1, 3, 2,  //
                            4, 4, 10, 6,  //
                            3, 3, 7, 4));
}

TEST(InterpreterConv2DTranspose, KernelBelowStrideLeavesTheBias) {
    // Kernel 1, stride 3, valid: the output is still in * s; positions no tap
    // reaches hold the bias only.
    EXPECT_THAT(run({1, 2, 1}, {tconv(1, {1, 3}, Padding::valid)}, {{2.0f}, {0.5f}}, {1.0f, 2.0f}),
                ElementsAre(2.5f, 0.5f, 0.5f, 4.5f, 0.5f, 0.5f));
}

TEST(InterpreterConv2DTranspose, KernelLayoutIsHeightWidthOutIn) {
    // 1x1 kernel [1, 1, 3, 2]: out[o] = x0 * k[o][0] + x1 * k[o][1].
    EXPECT_THAT(run({1, 1, 2}, {tconv(1, 1, Padding::valid, 3)},
                    {{1, 2, 3, 4, 5, 6}, {0.0f, 0.0f, 0.0f}}, {1.0f, 10.0f}),
                ElementsAre(21, 43, 65));
}

TEST(InterpreterConv2DTranspose, TheTutorialsSparseOutput) {
    gf::Weights<examples::Tconv1x1Stride2> w;
    w.set_weights({{1.0f}, {0.0f}});
    std::vector<float> y(16);
    gf::Interpreter<examples::Tconv1x1Stride2>(w).predict(iota(4), y);
    EXPECT_THAT(y, ElementsAre(1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0));
}

// ---- UpSampling2D ------------------------------------------------------------

TEST(InterpreterUpSampling2D, NearestRepeatsRowsAndColumns) {
    EXPECT_THAT(run({2, 2, 1}, {gf::UpSampling2D{.size = {2, 3}}.spec()}, {}, iota(4)),
                ElementsAre(1, 1, 1, 2, 2, 2,  //
                            1, 1, 1, 2, 2, 2,  //
                            3, 3, 3, 4, 4, 4,  //
                            3, 3, 3, 4, 4, 4));
}

TEST(InterpreterUpSampling2D, BilinearUsesHalfPixelCentres) {
    const auto bilinear = [](gf::Size2 size) {
        return gf::UpSampling2D{.size = size, .interpolation = gf::Interpolation::bilinear}.spec();
    };
    // Keras-Python's half-pixel rows for [[1, 2], [3, 4]].
    EXPECT_THAT(run({2, 2, 1}, {bilinear(2)}, {}, iota(4)),
                ElementsAre(1, 1.25f, 1.75f, 2,  //
                            1.5f, 1.75f, 2.25f, 2.5f,  //
                            2.5f, 2.75f, 3.25f, 3.5f,  //
                            3, 3.25f, 3.75f, 4));
    EXPECT_THAT(run({1, 5, 1}, {bilinear({1, 2})}, {}, iota(5, 0.0f)),
                ElementsAre(0, 0.25f, 0.75f, 1.25f, 1.75f, 2.25f, 2.75f, 3.25f, 3.75f, 4));
    // Size 3: sources (d + 0.5) / 3 - 0.5, clamped to the image.
    EXPECT_THAT(run({2, 1, 1}, {bilinear({3, 1})}, {}, {0.0f, 3.0f}),
                Pointwise(FloatNear(1e-6f), std::vector<float>{0, 0, 1, 2, 3, 3}));
    // Channels are independent.
    EXPECT_THAT(run({1, 2, 2}, {bilinear({1, 2})}, {}, {1, 10, 2, 20}),
                ElementsAre(1, 10, 1.25f, 12.5f, 1.75f, 17.5f, 2, 20));
}

// ---- Dense, BatchNormalization, LeakyReLU, ReLU, reshaping -----------------

TEST(InterpreterDense, KernelLayoutIsInOut) {
    const std::vector<std::vector<float>> w{{1, 2, 3, 4, 5, 6}, {0.5f, 0.0f, -1.0f}};
    EXPECT_THAT(run({2}, {gf::Dense{.units = 3}.spec()}, w, {1.0f, 10.0f}), ElementsAre(41.5f, 52, 62));
    // On an image, the same product on each pixel's channels.
    EXPECT_THAT(run({1, 2, 2}, {gf::Dense{.units = 3}.spec()}, w, {1, 10, 2, 20}),
                ElementsAre(41.5f, 52, 62, 82.5f, 104, 125));
    EXPECT_THAT(run({2}, {gf::Dense{.units = 3, .use_bias = false}.spec()}, {w[0]}, {1.0f, 10.0f}),
                ElementsAre(41, 52, 63));
}

TEST(InterpreterBatchNormalization, KerasInferenceFormula) {
    // y = gamma * (x - mean) / sqrt(var + eps) + beta, per channel; eps 0.01
    // makes the square roots 1 and 2.
    const std::vector<float> gamma{2.0f, 0.5f}, beta{1.0f, -1.0f}, mean{0.5f, -2.0f}, var{0.99f, 3.99f};
    const std::vector<float> x{1.5f, 2.0f, -0.5f, -4.0f};
    const auto bn = [](bool center, bool scale) {
        return gf::BatchNormalization{.epsilon = 0.01f, .center = center, .scale = scale}.spec();
    };
    const auto near = Pointwise(FloatNear(1e-6f), std::vector<float>{3, 0, -1, -1.5f});
    EXPECT_THAT(run({2, 1, 2}, {bn(true, true)}, {gamma, beta, mean, var}, x), near);
    EXPECT_THAT(run({2, 1, 2}, {bn(false, true)}, {gamma, mean, var}, x),
                Pointwise(FloatNear(1e-6f), std::vector<float>{2, 1, -2, -0.5f}));
    EXPECT_THAT(run({2, 1, 2}, {bn(true, false)}, {beta, mean, var}, x),
                Pointwise(FloatNear(1e-6f), std::vector<float>{2, 1, 0, -2}));
    EXPECT_THAT(run({4}, {bn(false, false)}, {{0, 0, 0, 0}, {0.99f, 0.99f, 3.99f, 3.99f}}, x),
                Pointwise(FloatNear(1e-6f), std::vector<float>{1.5f, 2, -0.25f, -2}));
    // The default epsilon is Keras' 1e-3.
    EXPECT_THAT(run({1}, {gf::BatchNormalization{}.spec()}, {{1}, {0}, {0}, {0.999f}}, {3.0f}),
                Pointwise(FloatNear(1e-6f), std::vector<float>{3}));
}

TEST(InterpreterLeakyReLU, AlphaBelowZero) {
    const std::vector<float> x{-2.0f, -0.5f, 0.0f, 3.0f};
    EXPECT_THAT(run({4}, {gf::LeakyReLU{.alpha = 0.2f}.spec()}, {}, x),
                Pointwise(FloatNear(1e-7f), std::vector<float>{-0.4f, -0.1f, 0, 3}));
    EXPECT_THAT(run({4}, {gf::LeakyReLU{}.spec()}, {}, x),  // Keras' default alpha 0.3
                Pointwise(FloatNear(1e-7f), std::vector<float>{-0.6f, -0.15f, 0, 3}));
    EXPECT_THAT(run({4}, {gf::ReLU{}.spec()}, {}, x), ElementsAre(0, 0, 0, 3));
}

TEST(InterpreterReshaping, FlattenReshapeDropoutKeepRowMajorOrder) {
    const std::vector<gf::LayerSpec> layers{gf::Flatten{}.spec(), gf::Dropout{.rate = 0.5f}.spec(),
                                            gf::Reshape{{3, 2, 2}}.spec()};
    EXPECT_THAT(run({2, 3, 2}, layers, {}, iota(12)), ElementsAreArray(iota(12)));
}

// ---- The model-level contract ----------------------------------------------

TEST(InterpreterPredict, WrongSpanSizesThrow) {
    const gf::Interpreter<examples::SeedTconv> net(gf::Weights<examples::SeedTconv>{});
    std::vector<float> in(100), out(100);
    EXPECT_NO_THROW(net.predict(in, out));
    std::vector<float> short_in(99), long_out(101), in2(200), out2(200);
    EXPECT_THROW(net.predict(short_in, out), gf::Error);
    EXPECT_THROW(net.predict(in, long_out), gf::Error);
    EXPECT_THROW(net.predict(in, out, 2), gf::Error);
    EXPECT_THROW(net.predict(in2, out, 2), gf::Error);
    EXPECT_THROW(net.predict(in, out2, 2), gf::Error);
    EXPECT_NO_THROW(net.predict(in2, out2, 2));
    try {
        net.predict(short_in, out);
    } catch (const gf::Error& e) {
        EXPECT_THAT(e.what(), testing::HasSubstr("99"));
        EXPECT_THAT(e.what(), testing::HasSubstr("100"));
    }
}

// refcase dcgan_bn_small's model: every layer kind of a DCGAN.
using DcganBnSmall = gf::Sequential<
    gf::Input{{100}}, gf::Dense{.units = 1024, .use_bias = false}, gf::BatchNormalization{},
    gf::ReLU{}, gf::Reshape{{4, 4, 64}},
    gf::Conv2DTranspose{.filters = 32, .kernel_size = 5, .strides = 2, .padding = Padding::same,
                        .use_bias = false},
    gf::BatchNormalization{}, gf::ReLU{},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = 5, .strides = 2, .padding = Padding::same,
                        .activation = gf::Activation::tanh}>;

// Weights whose every tensor matters: glorot kernels, nonzero biases and
// moving statistics.
template <gf::Model M>
gf::Weights<M> busy_weights() {
    auto w = gf::glorot_uniform<M>(3);
    auto values = w.get_weights();
    for (std::size_t t = 0; t < values.size(); ++t)
        if (w.entries()[t].tensor.role != gf::WeightRole::kernel)
            for (std::size_t i = 0; i < values[t].size(); ++i)
                values[t][i] = 0.5f + 0.25f * std::sin(float(7 * t + i));
    w.set_weights(values);
    return w;
}

template <gf::Model M>
void expect_batch_equals_single_runs(std::size_t batch) {
    const gf::Interpreter<M> net(busy_weights<M>());
    const std::size_t n_in = M::input_shape.size(), n_out = M::output_shape.size();
    std::vector<float> in(batch * n_in), out(batch * n_out), one(n_out);
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = std::cos(float(i));
    net.predict(in, out, batch);
    for (std::size_t b = 0; b < batch; ++b) {
        net.predict(std::span<const float>(in).subspan(b * n_in, n_in), one);
        EXPECT_TRUE(std::equal(one.begin(), one.end(), out.begin() + std::ptrdiff_t(b * n_out)))
            << "sample " << b;
    }
    EXPECT_GT(*std::max_element(out.begin(), out.end()), 0.0f);  // not a vacuous zero output
}

TEST(InterpreterPredict, BatchEqualsSingleRuns) {
    expect_batch_equals_single_runs<DcganBnSmall>(3);
    expect_batch_equals_single_runs<examples::SeedUpsample>(4);
}

TEST(InterpreterPredict, ConcurrentCallsAgree) {
    const gf::Interpreter<DcganBnSmall> net(busy_weights<DcganBnSmall>());
    std::vector<float> in(100);
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = std::sin(float(i));
    std::vector<float> expected(DcganBnSmall::output_shape.size());
    net.predict(in, expected);
    std::vector<std::vector<float>> got(4, std::vector<float>(expected.size()));
    std::vector<std::thread> threads;
    for (auto& g : got) threads.emplace_back([&] { net.predict(in, g); });
    for (auto& t : threads) t.join();
    for (const auto& g : got) EXPECT_EQ(g, expected);
}

}  // namespace
