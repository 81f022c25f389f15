// What fold_for_peers hands the peers: which layers merge, and the padding
// arithmetic they all use.
#include <gtest/gtest.h>

#include "bench/bench_inputs.hpp"
#include "bench/peers/folded_model.hpp"
#include "examples/models.hpp"

namespace ganforge::bench {
namespace {

namespace gf = ganforge;
using Kind = FoldedOp::Kind;

TEST(FoldForPeers, Dcgan64FoldsEveryBatchNormalizationAndFusesItsReLU) {
    const auto ops = fold_for_peers(benchmark_weights(examples::Dcgan64::spec(), 1)).ops;
    ASSERT_EQ(ops.size(), 6u);
    EXPECT_EQ(ops[0].kind, Kind::dense);
    EXPECT_EQ(ops[0].name, "dense_1 + batch_normalization_1 + re_lu_1");
    EXPECT_EQ(ops[1].kind, Kind::reshape);
    for (std::size_t i = 2; i < 5; ++i) {
        EXPECT_EQ(ops[i].kind, Kind::conv2d_transpose);
        ASSERT_EQ(ops[i].post.size(), 1u);
        EXPECT_EQ(ops[i].post[0].fn, Eltwise::Fn::relu);
    }
    EXPECT_EQ(ops[5].name, "conv2d_transpose_4");
    ASSERT_EQ(ops[5].post.size(), 1u);
    EXPECT_EQ(ops[5].post[0].fn, Eltwise::Fn::tanh);
}

TEST(FoldForPeers, FoldingScalesOutputChannelsAndShiftsTheBias) {
    using M = gf::Sequential<gf::Input{{1, 1, 2}},
                             gf::Conv2DTranspose{.filters = 3, .kernel_size = {1, 1}, .use_bias = false},
                             gf::BatchNormalization{.epsilon = 0.0f}>;
    WeightStore w(M::spec());
    // kernel [1, 1, out 3, in 2]: value = 10 * out + in
    std::vector<std::vector<float>> t{{0, 1, 10, 11, 20, 21}, {2, 3, 4}, {1, 1, 1}, {1, 2, 3}, {4, 4, 4}};
    w.set_weights(t);  // gamma, beta, mean, variance
    const auto ops = fold_for_peers(w).ops;
    ASSERT_EQ(ops.size(), 1u);
    // scale = gamma / sqrt(var) = {1, 1.5, 2}; bias = beta - mean * scale
    EXPECT_EQ(ops[0].kernel, (std::vector<float>{0, 1, 15, 16.5f, 40, 42}));
    EXPECT_EQ(ops[0].bias, (std::vector<float>{0, -2, -5}));
}

TEST(FoldForPeers, BatchNormalizationAfterAnActivationStaysAlone) {
    using M = gf::Sequential<gf::Input{{8}}, gf::Dense{.units = 4, .activation = gf::Activation::relu},
                             gf::BatchNormalization{}, gf::Dropout{.rate = 0.5f}, gf::LeakyReLU{}>;
    const auto ops = fold_for_peers(benchmark_weights(M::spec(), 3)).ops;
    ASSERT_EQ(ops.size(), 3u);
    EXPECT_EQ(ops[0].kind, Kind::dense);
    EXPECT_EQ(ops[1].kind, Kind::scale_shift);
    EXPECT_EQ(ops[2].kind, Kind::eltwise);
    EXPECT_EQ(ops[2].post[0].fn, Eltwise::Fn::leaky_relu);
    EXPECT_FLOAT_EQ(ops[2].post[0].alpha, 0.3f);
}

// Keras' leaky_relu function is a LeakyReLU of its slope, 0.2; an Eltwise
// computes what the interpreter does for a peer that lacks the function.
TEST(FoldForPeers, ActivationsAreEltwiseFunctions) {
    using M = gf::Sequential<gf::Input{{8}}, gf::Dense{.units = 4, .activation = gf::Activation::leaky_relu},
                             gf::ActivationLayer{gf::Activation::hard_sigmoid_keras2},
                             gf::ActivationLayer{gf::Activation::linear}>;
    const auto ops = fold_for_peers(benchmark_weights(M::spec(), 3)).ops;
    ASSERT_EQ(ops.size(), 1u);
    ASSERT_EQ(ops[0].post.size(), 2u);
    EXPECT_EQ(ops[0].post[0].fn, Eltwise::Fn::leaky_relu);
    EXPECT_FLOAT_EQ(ops[0].post[0](-2.0f), -0.4f);
    EXPECT_EQ(ops[0].post[1].fn, Eltwise::Fn::hard_sigmoid_keras2);
    EXPECT_FLOAT_EQ(ops[0].post[1](2.0f), 0.9f);
    EXPECT_FLOAT_EQ((Eltwise{Eltwise::Fn::leaky_relu, 1.5f}(-2.0f)), -3.0f);
}

TEST(FoldForPeers, DenseOnAnImageIsAOneByOneConv) {
    using M = gf::Sequential<gf::Input{{3, 3, 4}}, gf::Dense{.units = 5}>;
    const auto ops = fold_for_peers(benchmark_weights(M::spec(), 3)).ops;
    ASSERT_EQ(ops.size(), 1u);
    EXPECT_EQ(ops[0].kind, Kind::conv2d);
    EXPECT_EQ(ops[0].layer.kernel_size, (Size2{1, 1}));
}

TEST(Pads, KerasSamePutsTheOddPixelAtTheEnd) {
    LayerSpec conv{.kind = LayerKind::conv2d, .units = 1, .kernel_size = {4, 3}, .strides = {2, 1},
                   .padding = Padding::same, .input_shape = {7, 5, 1}, .output_shape = {4, 5, 1}};
    const Pads p = conv2d_pads(conv);  // rows: (4 - 1) * 2 + 4 - 7 = 3; cols: 2
    EXPECT_EQ(p.top, 1);
    EXPECT_EQ(p.bottom, 2);
    EXPECT_EQ(p.left, 1);
    EXPECT_EQ(p.right, 1);

    LayerSpec tconv{.kind = LayerKind::conv2d_transpose, .units = 1, .kernel_size = {5, 1}, .strides = {2, 2},
                    .padding = Padding::same, .input_shape = {4, 4, 1}, .output_shape = {8, 8, 1}};
    const Pads c = conv2d_transpose_crops(tconv);  // rows: full 11, crop 1 + 2; cols: full 7, output 8
    EXPECT_EQ(c.top, 1);
    EXPECT_EQ(c.bottom, 2);
    EXPECT_EQ(c.left, 0);
    EXPECT_EQ(c.right, -1);
}

}  // namespace
}  // namespace ganforge::bench
