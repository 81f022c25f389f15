// The ONNX reader on files the reference cases do not cover: operators
// written other ways (MatMul + Add, Flatten of a latent, Upsample, a
// dynamic batch computed in the graph, Linear -> BatchNorm1d -> ReLU -> view),
// each checked against the same model written the plain way; the example's
// DCGAN writer against a real export; the image-to-image operators (Pad
// reflect and edge, InstanceNormalization, PRelu, Mul by one value,
// DepthToSpace in both modes, SpaceToDepth, pixel_unshuffle) against ONNX's
// definitions and with their channel orders folded into a Conv against a
// permutation layer; and bad input:
// every file outside what ganforge computes is one ganforge::Error naming
// the file, the node, its operator and the attribute or input at fault.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <tuple>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/error.hpp>
#include "readers/onnx_model.hpp"

#include "onnx_test_graph.hpp"
#include "pytorch_dcgan_onnx.hpp"
#include "refcase.hpp"

namespace {

namespace gf = ganforge;
using ::testing::AllOf;
using ::testing::HasSubstr;
using onnx_test::expect_error;
using onnx_test::Graph;
using onnx_test::ramp;
using onnx_test::run;

// Linear(6, 12) -> view(-1, 3, 2, 2), as Gemm and as MatMul + Add with the
// batch computed in the graph (Shape -> Gather -> Unsqueeze -> Concat).
TEST(OnnxReader, MatMulAddAndAComputedShapeAreGemmAndAConstantShape) {
    Graph gemm;
    gemm.input("z", {-1, 6});
    gemm.weight("w", {12, 6});
    gemm.weight("b", {12});
    gemm.ints("shape", {-1, 3, 2, 2});
    Graph::int_attribute(gemm.node("Gemm", {"z", "w", "b"}, {"h"}), "transB", 1);
    gemm.node("Reshape", {"h", "shape"}, {"y"});

    Graph matmul;
    matmul.input("z", {-1, 6});
    auto* wt = matmul.graph().add_initializer();  // the same weights as [6, 12]
    *wt = gemm.graph().initializer(0);
    wt->set_name("w");
    wt->clear_dims();
    wt->add_dims(6);
    wt->add_dims(12);
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 12; ++j) wt->set_float_data(i * 12 + j, gemm.graph().initializer(0).float_data(j * 6 + i));
    matmul.weight("b", {12});
    matmul.ints("zero", {0});
    matmul.ints("rest", {3, 2, 2});
    matmul.node("MatMul", {"z", "w"}, {"m"});
    matmul.node("Add", {"m", "b"}, {"h"});
    matmul.node("Shape", {"h"}, {"s"});
    Graph::int_attribute(matmul.node("Gather", {"s", "zero"}, {"n"}), "axis", 0);
    Graph::int_attribute(matmul.node("Concat", {"n", "rest"}, {"shape"}), "axis", 0);
    matmul.node("Reshape", {"h", "shape"}, {"y"});
    EXPECT_EQ(run(gemm.read(), {ramp(18)}, 3), run(matmul.read(), {ramp(18)}, 3));
}

// Linear -> BatchNorm1d -> ReLU -> view: the per-feature parameters follow
// the Linear's reordered outputs. Checked against the same computation with
// the view first (BatchNorm2d after the view, whose channels need no order).
TEST(OnnxReader, PerFeatureLayersBeforeAViewFollowTheReorderedFeatures) {
    auto build = [](bool view_first) {
        Graph g;
        g.input("z", {-1, 4});
        g.weight("w", {12, 4});
        g.ints("shape", {-1, 3, 2, 2});
        for (const char* p : {"gamma", "beta", "mean", "var"}) g.weight(p, {view_first ? 3 : 12});
        // Per-channel values repeated per feature: the two orders compute the same.
        for (int k = 1; k <= 4; ++k) {
            auto* t = g.graph().mutable_initializer(k + 1);
            for (int i = 0; i < t->float_data_size(); ++i)
                t->set_float_data(i, 0.5f + 0.1f * float(k) + 0.2f * float(view_first ? i : i / 4));
        }
        Graph::int_attribute(g.node("Gemm", {"z", "w"}, {"h"}), "transB", 1);
        if (view_first) {
            g.node("Reshape", {"h", "shape"}, {"v"});
            g.node("BatchNormalization", {"v", "gamma", "beta", "mean", "var"}, {"n"});
            g.node("Relu", {"n"}, {"y"});
        } else {
            g.node("BatchNormalization", {"h", "gamma", "beta", "mean", "var"}, {"n"});
            g.node("Relu", {"n"}, {"r"});
            g.node("Reshape", {"r", "shape"}, {"y"});
        }
        return g.read();
    };
    const std::vector<float> a = run(build(true), {ramp(8)}, 2), b = run(build(false), {ramp(8)}, 2);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-6f) << i;
}

// A DCGAN latent [N, nz] unsqueezed to [N, nz, 1, 1] or flattened back:
// one pixel, so the orders agree and no weight moves.
TEST(OnnxReader, UnsqueezeAndFlattenOfALatentAreReshapes) {
    Graph g;
    g.input("z", {-1, 5});
    g.ints("axes", {2, 3});
    g.weight("w", {5, 4, 2, 2});
    g.node("Unsqueeze", {"z", "axes"}, {"u"});
    g.node("ConvTranspose", {"u", "w"}, {"c"});
    g.node("Flatten", {"c"}, {"f"});
    g.node("Sigmoid", {"f"}, {"y"});
    EXPECT_THAT([&] { g.read(); },
                ::testing::ThrowsMessage<gf::Error>(AllOf(HasSubstr("test.onnx: node 'Flatten' (Flatten)"),
                                                          HasSubstr("channel-first order"))));
    Graph ok;
    ok.input("z", {-1, 5});
    ok.ints("axes", {2, 3});
    ok.weight("w", {5, 4, 1, 1});
    ok.node("Unsqueeze", {"z", "axes"}, {"u"});
    ok.node("ConvTranspose", {"u", "w"}, {"c"});
    ok.node("Flatten", {"c"}, {"y"});
    const gf::ModelWithWeights m = ok.read();
    EXPECT_EQ(m.weights.model().output_shape(), gf::Shape{4});
    // A 1x1 transposed convolution of one pixel: y[o] = sum_c z[c] * w[c, o].
    const std::vector<float> z = ramp(10), y = run(m, {z}, 2);
    const auto& w = ok.graph().initializer(1);
    ASSERT_EQ(y.size(), 8u);
    for (std::size_t n = 0; n < 2; ++n)
        for (int o = 0; o < 4; ++o) {
            float sum = 0.0f;
            for (int c = 0; c < 5; ++c) sum += z[n * 5 + std::size_t(c)] * w.float_data(c * 4 + o);
            EXPECT_NEAR(y[n * 4 + std::size_t(o)], sum, 1e-6f) << n << ", " << o;
        }
}

// Upsample (opset 9) nearest is UpSampling2D; its linear mode is asymmetric,
// which no Keras layer computes.
TEST(OnnxReader, UpsampleNearestOnlyAtOpset9) {
    for (const char* mode : {"nearest", "linear"}) {
        Graph g(9);
        g.input("x", {1, 2, 3, 3});
        auto* s = g.graph().add_initializer();
        s->set_name("scales");
        s->set_data_type(onnx::TensorProto::FLOAT);
        s->add_dims(4);
        for (const float v : {1.0f, 1.0f, 2.0f, 3.0f}) s->add_float_data(v);
        Graph::text_attribute(g.node("Upsample", {"x", "scales"}, {"y"}), "mode", mode);
        if (std::string(mode) == "nearest") {
            EXPECT_EQ(g.read().weights.model().output_shape(), (gf::Shape{6, 9, 2}));
        } else {
            EXPECT_THAT([&] { g.read(); }, ::testing::ThrowsMessage<gf::Error>(HasSubstr("linear with")));
        }
    }
}

// The example's writer of pytorch/examples' DCGAN (the benchmark's
// pytorch_dcgan64 row) writes what torch.onnx.export wrote for the same
// layout at nz 16, ngf 8: the same model but for the weights' values.
TEST(OnnxReader, PytorchDcganWriterWritesWhatTorchExports) {
    std::ifstream in(std::filesystem::path(GANFORGE_SHARED_DIR) / "refcases-onnx/dcgan_nz16_ngf8_64x64/model.onnx",
                     std::ios::binary);
    onnx::ModelProto exported;
    ASSERT_TRUE(exported.ParseFromIstream(&in));
    onnx::ModelProto written = examples::pytorch_dcgan_onnx(16, 8, 3, 1);
    for (onnx::ModelProto* m : {&exported, &written})
        for (onnx::TensorProto& t : *m->mutable_graph()->mutable_initializer()) t.clear_raw_data();
    EXPECT_EQ(written.SerializeAsString(), exported.SerializeAsString()) << written.DebugString();
}

// ---- Image-to-image operators ----

// 0, 1, 2, ...: every value distinct, so a value moved to a wrong place shows.
std::vector<float> iota(std::size_t n) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = float(i);
    return v;
}

// The classes of the layers a graph becomes, in order.
std::vector<std::string> classes(const gf::ModelWithWeights& m) {
    std::vector<std::string> out;
    for (const gf::LayerSpec& l : m.weights.model().layers) out.emplace_back(gf::keras_class_name(l.kind));
    return out;
}

using Strings = std::vector<std::string>;
using Floats = std::vector<float>;

// x [1, 1, 2, 4], rows 1 2 3 4 and 5 6 7 8, padded 1 at the top and 2 left and right.
gf::ModelWithWeights padded(const char* mode) {
    Graph g;
    g.input("x", {1, 1, 2, 4});
    g.ints("pads", {0, 0, 1, 2, 0, 0, 0, 2});
    Graph::text_attribute(g.node("Pad", {"x", "pads"}, {"y"}), "mode", mode);
    return g.read();
}

TEST(OnnxReader, PadReflectMirrorsAboutTheEdgePixelAndEdgeRepeatsIt) {
    const Floats x{1, 2, 3, 4, 5, 6, 7, 8};
    const gf::ModelWithWeights reflect = padded("reflect"), edge = padded("edge");
    EXPECT_EQ(classes(reflect), Strings{"ReflectionPadding2D"});
    EXPECT_EQ(classes(edge), Strings{"ReplicationPadding2D"});
    // a b c d reflected by 2 is c b a b c d c b.
    EXPECT_EQ(run(reflect, {x}, 1), (Floats{7, 6, 5, 6, 7, 8, 7, 6, 3, 2, 1, 2, 3, 4, 3, 2, 7, 6, 5, 6, 7, 8, 7, 6}));
    EXPECT_EQ(run(edge, {x}, 1), (Floats{1, 1, 1, 2, 3, 4, 4, 4, 1, 1, 1, 2, 3, 4, 4, 4, 5, 5, 5, 6, 7, 8, 8, 8}));
}

// Each image's channel by its own mean and population variance; scale and B
// of ones and zeros (PyTorch's affine=False, as Constant nodes) leave the
// layer without weights.
TEST(OnnxReader, InstanceNormalizationNormalisesEachImageAndChannelAlone) {
    const float epsilon = 0.01f;
    for (const auto& [scale, bias] : {std::pair{Floats{1.5f, 0.5f}, Floats{0.25f, -0.5f}},
                                      std::pair{Floats{1.0f, 1.0f}, Floats{0.0f, 0.0f}}}) {
        Graph g;
        g.input("x", {2, 2, 2, 3});
        g.float_constant("scale", scale);
        g.float_constant("bias", bias);
        Graph::float_attribute(g.node("InstanceNormalization", {"x", "scale", "bias"}, {"y"}), "epsilon", epsilon);
        const gf::ModelWithWeights m = g.read();
        const gf::LayerSpec& l = m.weights.model().layers.at(0);
        EXPECT_EQ(l.kind, gf::LayerKind::group_normalization);
        EXPECT_EQ(l.groups, -1);
        const bool affine = scale[0] != 1.0f;
        EXPECT_EQ(l.scale, affine);
        EXPECT_EQ(l.center, affine);
        const Floats x = ramp(24), y = run(m, {x}, 2);
        ASSERT_EQ(y.size(), 24u);
        for (std::size_t n = 0; n < 2; ++n)
            for (std::size_t c = 0; c < 2; ++c) {
                const std::size_t at = (n * 2 + c) * 6;
                double mean = 0, var = 0;
                for (std::size_t i = 0; i < 6; ++i) mean += x[at + i] / 6.0;
                for (std::size_t i = 0; i < 6; ++i) var += (x[at + i] - mean) * (x[at + i] - mean) / 6.0;
                for (std::size_t i = 0; i < 6; ++i)
                    EXPECT_NEAR(y[at + i], scale[c] * (x[at + i] - mean) / std::sqrt(var + epsilon) + bias[c], 1e-5)
                        << n << ", " << c << ", " << i;
            }
    }
}

// y = x where x >= 0, slope * x elsewhere, the slope broadcast to x as numpy
// does (the last axes aligned); nn.PReLU(C)'s [C, 1, 1] is one slope per
// channel, shared over height and width.
TEST(OnnxReader, PReluSlopesBroadcastAsNumpy) {
    const std::vector<std::pair<std::vector<long long>, std::vector<long long>>> cases = {
        {{2, 3, 2, 2}, {3, 1, 1}}, {{2, 3, 2, 2}, {1}},       {{2, 3, 2, 2}, {}},     {{2, 3, 2, 2}, {1, 3, 1, 1}},
        {{2, 3, 2, 2}, {2, 1}},    {{2, 3, 2, 2}, {3, 2, 2}}, {{2, 3, 2, 2}, {2}},    {{2, 3, 2, 2}, {1, 1, 2, 1}},
        {{2, 4}, {4}},             {{2, 4}, {1}},             {{2, 4}, {1, 4}},
    };
    for (const auto& [dims, shape] : cases) {
        SCOPED_TRACE(::testing::PrintToString(shape));
        Graph g;
        g.input("x", dims);
        g.weight("slope", shape);
        g.node("PRelu", {"x", "slope"}, {"y"});
        const gf::ModelWithWeights m = g.read();
        std::size_t count = 1;
        for (const long long d : dims) count *= std::size_t(d);
        const Floats x = ramp(count), y = run(m, {x}, 2);
        const auto& slope = g.graph().initializer(0).float_data();
        ASSERT_EQ(y.size(), count);
        for (std::size_t i = 0; i < count; ++i) {
            // numpy: x's coordinates on the slope's axes, the last aligned.
            std::size_t rest = i, at = 0, stride = 1;
            for (std::size_t a = dims.size(), s = shape.size(); a-- > 0 && s-- > 0;) {
                const std::size_t coordinate = rest % std::size_t(dims[a]);
                rest /= std::size_t(dims[a]);
                if (shape[s] != 1) at += coordinate * stride;
                stride *= std::size_t(shape[s]);
            }
            EXPECT_FLOAT_EQ(y[i], x[i] >= 0 ? x[i] : slope[int(at)] * x[i]) << i;
        }
        if (shape == std::vector<long long>{3, 1, 1})
            EXPECT_EQ(m.weights.model().layers.at(0).shared_axes, (gf::AxisSet{1, 2}));
    }
}

// RRDBNet's residuals scaled by a 0-d Constant 0.2; an Add of one value.
TEST(OnnxReader, MulAndAddOfOneValueAreRescaling) {
    Graph g;
    g.input("x", {2, 3, 2, 2});
    g.float_constant("factor", {0.2f}, std::vector<long long>{});
    g.float_constant("offset", {1.5f}, std::vector<long long>{1, 1, 1, 1});
    g.node("Mul", {"factor", "x"}, {"scaled"});
    g.node("Add", {"scaled", "offset"}, {"y"});
    const gf::ModelWithWeights m = g.read();
    EXPECT_EQ(classes(m), (Strings{"Rescaling", "Rescaling"}));
    const Floats x = ramp(24), y = run(m, {x}, 2);
    ASSERT_EQ(y.size(), 24u);
    for (std::size_t i = 0; i < 24; ++i) EXPECT_FLOAT_EQ(y[i], x[i] * 0.2f + 1.5f) << i;
}

// ONNX's DepthToSpace of x [N, C*b*b, H, W]: output (c, h*b + i, w*b + j)
// from input channel (i*b + j)*C + c (DCR) or c*b*b + i*b + j (CRD).
Floats onnx_depth_to_space(const Floats& x, std::size_t n, std::size_t c, std::size_t h, std::size_t w,
                           std::size_t b, bool crd) {
    Floats y(x.size());
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t k = 0; k < c; ++k)
            for (std::size_t r = 0; r < h * b; ++r)
                for (std::size_t q = 0; q < w * b; ++q) {
                    const std::size_t i = r % b, j = q % b;
                    const std::size_t from = crd ? k * b * b + i * b + j : (i * b + j) * c + k;
                    y[((s * c + k) * h * b + r) * w * b + q] = x[((s * c * b * b + from) * h + r / b) * w + q / b];
                }
    return y;
}

// SpaceToDepth (DCR) or PyTorch's pixel_unshuffle (CRD) of x [N, C, H, W]:
// the inverse.
Floats onnx_space_to_depth(const Floats& x, std::size_t n, std::size_t c, std::size_t h, std::size_t w,
                           std::size_t b, bool crd) {
    Floats y(x.size());
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t k = 0; k < c; ++k)
            for (std::size_t r = 0; r < h; ++r)
                for (std::size_t q = 0; q < w; ++q) {
                    const std::size_t i = r % b, j = q % b;
                    const std::size_t to = crd ? k * b * b + i * b + j : (i * b + j) * c + k;
                    y[((s * c * b * b + to) * (h / b) + r / b) * (w / b) + q / b] = x[((s * c + k) * h + r) * w + q];
                }
    return y;
}

// CRD on a graph input has no convolution to take the order: a permutation layer.
TEST(OnnxReader, DepthToSpaceInBothModes) {
    for (const char* mode : {"DCR", "CRD"}) {
        Graph g;
        g.input("x", {2, 8, 2, 3});
        auto& d = g.node("DepthToSpace", {"x"}, {"y"});
        Graph::int_attribute(d, "blocksize", 2);
        Graph::text_attribute(d, "mode", mode);
        const gf::ModelWithWeights m = g.read();
        const bool crd = std::string(mode) == "CRD";
        EXPECT_EQ(classes(m), crd ? (Strings{"Conv2D", "DepthToSpace"}) : Strings{"DepthToSpace"}) << mode;
        const Floats x = iota(96);
        EXPECT_EQ(run(m, {x}, 2), onnx_depth_to_space(x, 2, 2, 2, 3, 2, crd)) << mode;
    }
}

// PixelShuffle after the Conv (or ConvTranspose, with its crop) that alone
// computes its input: the filters move and no layer is added. With an
// Identity between, the order is a permutation layer; both compute the same.
TEST(OnnxReader, PixelShuffleAfterAConvMovesItsFilters) {
    for (const std::string op : {"Conv", "ConvTranspose"}) {
        auto build = [&](bool identity) {
            Graph g;
            g.input("x", {2, 3, 3, 4});
            g.weight("w", op == "Conv" ? std::vector<long long>{8, 3, 3, 3} : std::vector<long long>{3, 8, 3, 3});
            g.weight("b", {8});
            auto& c = g.node(op, {"x", "w", "b"}, {"c"});
            Graph::ints_attribute(c, "pads", {1, 1, 1, 1});
            if (op == "ConvTranspose") {
                Graph::ints_attribute(c, "strides", {2, 2});
                Graph::ints_attribute(c, "output_padding", {1, 1});
            }
            if (identity) g.node("Identity", {"c"}, {"i"});
            auto& d = g.node("DepthToSpace", {identity ? "i" : "c"}, {"y"});
            Graph::int_attribute(d, "blocksize", 2);
            Graph::text_attribute(d, "mode", "CRD");
            return g.read();
        };
        const gf::ModelWithWeights folded = build(false), permuted = build(true);
        const Strings convolution = op == "Conv" ? Strings{"Conv2D"} : Strings{"Conv2DTranspose", "Cropping2D"};
        Strings expected = convolution;
        expected.push_back("DepthToSpace");
        EXPECT_EQ(classes(folded), expected) << op;
        expected.insert(expected.end() - 1, "Conv2D");
        EXPECT_EQ(classes(permuted), expected) << op;
        const Floats x = ramp(72);
        EXPECT_TRUE(refcase::near_reference(run(folded, {x}, 2), run(permuted, {x}, 2))) << op;
    }
}

// torch 1.13's F.pixel_unshuffle(x, 2) of x [N, 2, 4, 6], as "unshuffled".
void pixel_unshuffle(Graph& g) {
    g.ints("view", {-1, 2, 2, 2, 3, 2});
    g.node("Reshape", {"x", "view"}, {"split"}, "pixel_unshuffle/Reshape");
    Graph::ints_attribute(g.node("Transpose", {"split"}, {"moved"}, "pixel_unshuffle/Transpose"), "perm",
                          {0, 1, 3, 5, 2, 4});
    g.ints("merged", {-1, 8, 2, 3});
    g.node("Reshape", {"moved", "merged"}, {"unshuffled"}, "pixel_unshuffle/Reshape_1");
}

TEST(OnnxReader, SpaceToDepthAndPixelUnshuffle) {
    const Floats x = iota(96);
    Graph s2d;
    s2d.input("x", {2, 2, 4, 6});
    Graph::int_attribute(s2d.node("SpaceToDepth", {"x"}, {"y"}), "blocksize", 2);
    const gf::ModelWithWeights dcr = s2d.read();
    EXPECT_EQ(classes(dcr), Strings{"SpaceToDepth"});
    EXPECT_EQ(run(dcr, {x}, 2), onnx_space_to_depth(x, 2, 2, 4, 6, 2, false));
    // The graph's output: no convolution to take the order.
    Graph unshuffle;
    unshuffle.input("x", {2, 2, 4, 6});
    pixel_unshuffle(unshuffle);
    unshuffle.graph().mutable_output(0)->set_name("unshuffled");
    const gf::ModelWithWeights crd = unshuffle.read();
    EXPECT_EQ(classes(crd), (Strings{"SpaceToDepth", "Conv2D"}));
    EXPECT_EQ(run(crd, {x}, 2), onnx_space_to_depth(x, 2, 2, 4, 6, 2, true));
}

// pixel_unshuffle before a Conv that alone reads it: the Conv's kernel reads
// ganforge's order and no layer is added; with an Identity between, a
// permutation layer; both compute the same.
TEST(OnnxReader, PixelUnshuffleBeforeAConvMovesItsKernel) {
    auto build = [](bool identity) {
        Graph g;
        g.input("x", {2, 2, 4, 6});
        pixel_unshuffle(g);
        g.weight("w", {5, 8, 3, 3});
        if (identity) g.node("Identity", {"unshuffled"}, {"i"});
        Graph::ints_attribute(g.node("Conv", {identity ? "i" : "unshuffled", "w"}, {"y"}), "pads", {1, 1, 1, 1});
        return g.read();
    };
    const gf::ModelWithWeights folded = build(false), permuted = build(true);
    EXPECT_EQ(classes(folded), (Strings{"SpaceToDepth", "Conv2D"}));
    EXPECT_EQ(classes(permuted), (Strings{"SpaceToDepth", "Conv2D", "Conv2D"}));
    const Floats x = ramp(96);
    EXPECT_TRUE(refcase::near_reference(run(folded, {x}, 2), run(permuted, {x}, 2)));
}

// ---- Bad input ----

// A one-Conv model to break, one way per test.
void conv_model(Graph& g) {
    g.input("x", {-1, 2, 5, 5});
    g.weight("w", {3, 2, 3, 3});
    g.weight("b", {3});
    g.node("Conv", {"x", "w", "b"}, {"y"}, "conv");
}

// An ONNX operator with its attributes (or Clip's bounds) that is one of
// Keras' functions, and its value by ONNX's definition.
struct ActivationOp {
    const char* name;
    std::function<void(Graph&)> write;  // the node, x -> y
    gf::Activation activation;
    std::function<double(double)> onnx;
    long long opset = 13;
};

onnx::NodeProto& unary(Graph& g, const std::string& op) { return g.node(op, {"x"}, {"y"}); }

void float_attribute(onnx::NodeProto& n, const std::string& name, float v) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(v);
}

void clip(Graph& g, std::optional<float> lo, std::optional<float> hi) {
    if (lo) g.float_constant("lo", {*lo}, std::vector<long long>{});
    if (hi) g.float_constant("hi", {*hi}, std::vector<long long>{});
    g.node("Clip", {"x", lo ? "lo" : "", hi ? "hi" : ""}, {"y"});
}

double onnx_clip(double x, double lo, double hi) { return std::min(std::max(x, lo), hi); }
double onnx_softplus(double x) { return std::log(std::exp(x) + 1); }
double onnx_hard_sigmoid(double x, double alpha, double beta) { return onnx_clip(alpha * x + beta, 0, 1); }
double onnx_shrink(double x, double bias) { return x < -0.5 ? x + bias : x > 0.5 ? x - bias : 0; }

TEST(OnnxReader, ActivationOperatorsAreKerasFunctions) {
    const double selu_alpha = 1.67326319217681884765625, selu_gamma = 1.05070102214813232421875;
    const std::vector<ActivationOp> ops = {
        {"Elu", [](Graph& g) { unary(g, "Elu"); }, gf::Activation::elu,
         [](double x) { return x > 0 ? x : std::expm1(x); }},
        {"Selu", [](Graph& g) { unary(g, "Selu"); }, gf::Activation::selu,
         [&](double x) { return selu_gamma * (x > 0 ? x : selu_alpha * std::expm1(x)); }},
        {"Celu", [](Graph& g) { float_attribute(unary(g, "Celu"), "alpha", 1.0f); }, gf::Activation::celu,
         [](double x) { return std::max(0.0, x) + std::min(0.0, std::expm1(x)); }},
        {"Softplus", [](Graph& g) { unary(g, "Softplus"); }, gf::Activation::softplus, onnx_softplus},
        {"Softsign", [](Graph& g) { unary(g, "Softsign"); }, gf::Activation::softsign,
         [](double x) { return x / (1 + std::fabs(x)); }},
        {"Exp", [](Graph& g) { unary(g, "Exp"); }, gf::Activation::exponential, [](double x) { return std::exp(x); }},
        {"HardSigmoid", [](Graph& g) { unary(g, "HardSigmoid"); }, gf::Activation::hard_sigmoid_keras2,
         [](double x) { return onnx_hard_sigmoid(x, 0.2, 0.5); }},
        {"HardSigmoid_torch",
         [](Graph& g) { float_attribute(unary(g, "HardSigmoid"), "alpha", 1.0f / 6.0f); },
         gf::Activation::hard_sigmoid, [](double x) { return onnx_hard_sigmoid(x, 1.0 / 6.0, 0.5); }},
        {"HardSigmoid_half",
         [](Graph& g) {
             onnx::NodeProto& n = unary(g, "HardSigmoid");
             float_attribute(n, "alpha", 0.5f);
             float_attribute(n, "beta", 0.5f);
         },
         gf::Activation::sparse_sigmoid, [](double x) { return onnx_hard_sigmoid(x, 0.5, 0.5); }},
        {"HardSwish", [](Graph& g) { unary(g, "HardSwish"); }, gf::Activation::hard_silu,
         [](double x) { return x * onnx_hard_sigmoid(x, 1.0 / 6.0, 0.5); }, 14},
        {"Mish", [](Graph& g) { unary(g, "Mish"); }, gf::Activation::mish,
         [](double x) { return x * std::tanh(onnx_softplus(x)); }, 18},
        {"Gelu", [](Graph& g) { Graph::text_attribute(unary(g, "Gelu"), "approximate", "none"); },
         gf::Activation::gelu, [](double x) { return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0))); }, 20},
        {"Clip_relu6", [](Graph& g) { clip(g, 0.0f, 6.0f); }, gf::Activation::relu6,
         [](double x) { return onnx_clip(x, 0, 6); }},
        {"Clip_hard_tanh", [](Graph& g) { clip(g, -1.0f, 1.0f); }, gf::Activation::hard_tanh,
         [](double x) { return onnx_clip(x, -1, 1); }},
        {"Clip_relu", [](Graph& g) { clip(g, 0.0f, std::nullopt); }, gf::Activation::relu,
         [](double x) { return std::max(x, 0.0); }},
        {"Clip_opset9",
         [](Graph& g) {
             onnx::NodeProto& n = unary(g, "Clip");
             float_attribute(n, "min", 0.0f);
             float_attribute(n, "max", 6.0f);
         },
         gf::Activation::relu6, [](double x) { return onnx_clip(x, 0, 6); }, 9},
        {"Shrink", [](Graph& g) { unary(g, "Shrink"); }, gf::Activation::hard_shrink,
         [](double x) { return onnx_shrink(x, 0); }},
        {"Shrink_soft", [](Graph& g) { float_attribute(unary(g, "Shrink"), "bias", 0.5f); },
         gf::Activation::soft_shrink, [](double x) { return onnx_shrink(x, 0.5); }},
    };
    std::vector<float> x;
    for (int i = 0; i < 30; ++i) x.push_back(0.5f * float(i) - 7.5f);  // -7.5 .. 7, the kinks included
    for (const ActivationOp& op : ops) {
        SCOPED_TRACE(op.name);
        Graph g(op.opset);
        g.input("x", {-1, 30});
        op.write(g);
        const gf::ModelWithWeights m = g.read();
        const gf::ModelSpec& spec = m.weights.model();
        ASSERT_EQ(spec.layers.size(), 1u);
        EXPECT_EQ(spec.layers[0].activation, op.activation) << gf::enumerator_name(spec.layers[0].activation);
        const std::vector<float> y = run(m, {x}, 1);
        for (std::size_t i = 0; i < x.size(); ++i)
            EXPECT_NEAR(y[i], op.onnx(x[i]), 2e-6 * std::max(1.0, std::fabs(op.onnx(x[i])))) << x[i];
    }
}

// The parameters of an ONNX activation that are none of Keras' functions.
TEST(OnnxBadInput, ActivationParametersKerasHasNoFunctionFor) {
    const std::vector<std::tuple<std::function<void(Graph&)>, long long, std::vector<std::string>>> cases = {
        {[](Graph& g) { float_attribute(unary(g, "Elu"), "alpha", 0.5f); }, 13,
         {"node 'Elu' (Elu)", "alpha 0.5 is none of the Keras activations", "alpha 1 (elu)"}},
        {[](Graph& g) { float_attribute(unary(g, "Celu"), "alpha", 2.0f); }, 13, {"(Celu)", "alpha 2", "(celu)"}},
        {[](Graph& g) { float_attribute(unary(g, "Selu"), "gamma", 2.0f); }, 13, {"(Selu)", "gamma 2"}},
        {[](Graph& g) { float_attribute(unary(g, "HardSigmoid"), "alpha", 0.3f); }, 13,
         {"(HardSigmoid)", "alpha 0.3, beta 0.5 is none",
          "alpha 0.2, beta 0.5 (hard_sigmoid_keras2); alpha 0.16666667, beta 0.5 (hard_sigmoid); "
          "alpha 0.5, beta 0.5 (sparse_sigmoid)"}},
        {[](Graph& g) { clip(g, 0.0f, 3.0f); }, 13,
         {"(Clip)", "[0, 3] is none", "[0, 6] (relu6); [-1, 1] (hard_tanh); [0, inf] (relu)"}},
        {[](Graph& g) { clip(g, std::nullopt, 1.0f); }, 13, {"(Clip)", "[-3.4028235e+38, 1]"}},
        {[](Graph& g) { float_attribute(unary(g, "Shrink"), "lambd", 1.0f); }, 13, {"(Shrink)", "lambd 1, bias 0"}},
        {[](Graph& g) { Graph::text_attribute(unary(g, "Gelu"), "approximate", "tanh"); }, 20,
         {"(Gelu)", "approximate 'tanh'"}},
        {[](Graph& g) { float_attribute(unary(g, "Mish"), "alpha", 1.0f); }, 18,
         {"(Mish)", "attribute 'alpha' is not supported"}},
    };
    for (const auto& [write, opset, parts] : cases) {
        Graph g(opset);
        g.input("x", {-1, 4});
        write(g);
        expect_error(g, parts);
    }
}

TEST(OnnxBadInput, EveryProblemIsOneErrorNamingTheNode) {
    Graph valid;
    conv_model(valid);
    EXPECT_NO_THROW(valid.read());
    const std::vector<std::pair<std::function<void(Graph&)>, std::vector<std::string>>> cases = {
        {[](Graph& g) { g.graph().mutable_node(0)->set_op_type("Softmax"); },
         {"node 'conv' (Softmax)", "this operator is not supported"}},
        {[](Graph& g) { Graph::ints_attribute(*g.graph().mutable_node(0), "dilations", {2, 2}); },
         {"node 'conv' (Conv)", "dilations"}},
        {[](Graph& g) { Graph::int_attribute(*g.graph().mutable_node(0), "group", 2); }, {"(Conv)", "group"}},
        {[](Graph& g) { Graph::int_attribute(*g.graph().mutable_node(0), "made_up", 1); },
         {"(Conv)", "attribute 'made_up' is not supported"}},
        {[](Graph& g) { Graph::text_attribute(*g.graph().mutable_node(0), "auto_pad", "SAME_LOWER"); },
         {"(Conv)", "auto_pad 'SAME_LOWER'"}},
        {[](Graph& g) { g.graph().mutable_initializer()->RemoveLast(); }, {"(Conv)", "input 2 ('b')", "no earlier node"}},
        {[](Graph& g) { g.graph().mutable_node(0)->set_input(0, "y"); }, {"(Conv)", "input 0 ('y')"}},
        {[](Graph& g) { g.graph().mutable_initializer(0)->set_dims(1, 4); },
         {"initializer 'w'", "holds 54 values where its dimensions need 108"}},
        {[](Graph& g) { g.graph().mutable_initializer(0)->set_dims(1, 4); g.graph().mutable_initializer(0)->mutable_float_data()->Resize(108, 0.0f); },
         {"(Conv)", "does not take 2 channels"}},
        {[](Graph& g) { g.graph().mutable_initializer(0)->set_data_location(onnx::TensorProto::EXTERNAL); },
         {"initializer 'w'", "external file"}},
        {[](Graph& g) { g.graph().mutable_input(0)->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::INT64); },
         {"input 'x' holds integers", "Embedding", "node 'conv' (Conv) reads it as its input 0"}},
        {[](Graph& g) { g.graph().add_output()->set_name("x"); }, {"2 outputs"}},
        {[](Graph& g) { g.model.mutable_opset_import(0)->set_version(5); }, {"opset 5"}},
        {[](Graph& g) { g.graph().mutable_node(0)->set_domain("com.microsoft"); }, {"(Conv)", "domain 'com.microsoft'"}},
        {[](Graph& g) { Graph::ints_attribute(*g.graph().mutable_node(0), "pads", {-1, 0, 0, 0}); },
         {"(Conv)", "pad -1 is out of range"}},
        {[](Graph& g) { g.graph().mutable_output(0)->set_name("nothing"); }, {"no node computes the graph's output 'nothing'"}},
    };
    for (const auto& [edit, parts] : cases) {
        Graph g;
        conv_model(g);
        edit(g);
        expect_error(g, parts);
    }
}

TEST(OnnxBadInput, NotAnOnnxFile) {
    EXPECT_THAT([] { gf::read_onnx_model(std::string("\x08\xff\xff\xff garbage", 12), "test.onnx"); },
                ::testing::ThrowsMessage<gf::Error>(HasSubstr("test.onnx: not an ONNX model")));
}


// The image-to-image operators outside what ganforge computes.
TEST(OnnxBadInput, ImageToImageOperators) {
    auto pad = [](const char* mode, std::vector<long long> pads) {
        Graph g;
        g.input("x", {1, 1, 2, 4});
        g.ints("pads", std::move(pads));
        Graph::text_attribute(g.node("Pad", {"x", "pads"}, {"y"}), "mode", mode);
        return g;
    };
    // x [2, C, 2, 2] -> op (inputs x, then `constants`) -> y.
    auto on_image = [](long long channels, const std::string& op,
                       std::vector<std::pair<std::string, std::vector<long long>>> weights) {
        Graph g;
        g.input("x", {2, channels, 2, 2});
        std::vector<std::string> inputs{"x"};
        for (const auto& [name, dims] : weights) {
            g.weight(name, dims);
            inputs.push_back(name);
        }
        g.node(op, inputs, {"y"});
        return g;
    };
    auto shuffle = [](const char* op, long long channels, long long height, std::optional<long long> block,
                      const char* mode) {
        Graph g;
        g.input("x", {1, channels, height, 4});
        auto& d = g.node(op, {"x"}, {"y"});
        if (block) Graph::int_attribute(d, "blocksize", *block);
        if (mode) Graph::text_attribute(d, "mode", mode);
        return g;
    };
    // pixel_unshuffle of x [1, 2, 4, 6] with its steps edited.
    auto unshuffle = [](std::function<void(Graph&)> edit) {
        Graph g;
        g.input("x", {1, 2, 4, 6});
        pixel_unshuffle(g);
        g.graph().mutable_output(0)->set_name("unshuffled");
        edit(g);
        return g;
    };
    const std::vector<std::pair<Graph, Strings>> cases = {
        {pad("wrap", {0, 0, 1, 1, 0, 0, 1, 1}),
         {"node 'Pad' (Pad)", "mode 'wrap' is not supported (constant, reflect, edge)"}},
        {pad("reflect", {0, 1, 0, 0, 0, 0, 0, 0}), {"node 'Pad' (Pad)", "pad the batch or the channels"}},
        {pad("edge", {1, 0, 0, 0, 0, 0, 0, 0}), {"node 'Pad' (Pad)", "pad the batch or the channels"}},
        {pad("reflect", {0, 0, -1, 0, 0, 0, 0, 0}),
         {"node 'Pad' (Pad)", "its pads [0, 0, -1, 0, 0, 0, 0, 0] are not from 0 to"}},
        {pad("reflect", {0, 0, 0, 1, 0, 0, 2, 1}),
         {"node 'Pad' (Pad)", "must be smaller than its input's height and width (2, 4) to reflect"}},
        {on_image(2, "InstanceNormalization", {{"scale", {3}}, {"B", {2}}}),
         {"node 'InstanceNormalization' (InstanceNormalization)",
          "its scale holds 3 float values where 2 floats are needed"}},
        {[] {
             Graph g;
             g.input("x", {2, 4});
             g.weight("scale", {4});
             g.weight("B", {4});
             g.node("InstanceNormalization", {"x", "scale", "B"}, {"y"});
             return g;
         }(),
         {"node 'InstanceNormalization' (InstanceNormalization)", "input 0 has dimensions [N, 4], not an image"}},
        {on_image(3, "PRelu", {{"slope", {4, 1, 1}}}),
         {"node 'PRelu' (PRelu)", "its slope [4, 1, 1] is not a numpy broadcast of its input [N, 3, 2, 2]"}},
        {on_image(3, "PRelu", {{"slope", {3, 2}}}),
         {"node 'PRelu' (PRelu)", "its slope [3, 2] is not a numpy broadcast of its input [N, 3, 2, 2]"}},
        {on_image(3, "PRelu", {{"slope", {2, 1, 1, 1}}}),
         {"node 'PRelu' (PRelu)", "its slope [2, 1, 1, 1] differs per sample"}},
        {on_image(3, "PRelu", {{"slope", {1, 1, 3, 1, 1}}}),
         {"node 'PRelu' (PRelu)", "its slope [1, 1, 3, 1, 1] is not a float numpy broadcast"}},
        {on_image(3, "Mul", {{"factors", {3, 1, 1}}}),
         {"node 'Mul' (Mul)", "its constant operand [3, 1, 1] is neither one float (a Rescaling) nor the bias"}},
        {shuffle("DepthToSpace", 8, 2, std::nullopt, nullptr),
         {"node 'DepthToSpace' (DepthToSpace)", "attribute 'blocksize' is missing"}},
        {shuffle("DepthToSpace", 8, 2, 1, nullptr),
         {"node 'DepthToSpace' (DepthToSpace)", "blocksize 1 is not from 2 to"}},
        {shuffle("DepthToSpace", 8, 2, 2, "RDC"),
         {"node 'DepthToSpace' (DepthToSpace)", "mode 'RDC' is not supported (DCR, CRD)"}},
        {shuffle("DepthToSpace", 6, 2, 2, "CRD"),
         {"node 'DepthToSpace' (DepthToSpace)", "its input's 6 channels are not a multiple of blocksize squared (4)"}},
        {shuffle("SpaceToDepth", 2, 3, 2, nullptr),
         {"node 'SpaceToDepth' (SpaceToDepth)", "are not multiples of block_size (2)"}},
        {unshuffle([](Graph& g) { g.graph().mutable_initializer(0)->set_int64_data(5, 3); }),
         {"node 'pixel_unshuffle/Reshape' (Reshape)", "it views a [N, 2, 4, 6] image as [N, 2, 2, 2, 3, 3]",
          "only as the first step of PyTorch's pixel_unshuffle"}},
        {unshuffle([](Graph& g) { g.graph().mutable_node(1)->mutable_attribute(0)->set_ints(2, 2); }),
         {"node 'pixel_unshuffle/Transpose' (Transpose)", "its perm [0, 1, 2, 5, 2, 4] is not [0, 1, 3, 5, 2, 4]"}},
        {unshuffle([](Graph& g) {
             g.graph().mutable_initializer(1)->set_int64_data(2, 6);
             g.graph().mutable_initializer(1)->set_int64_data(3, 1);
         }),
         {"node 'pixel_unshuffle/Reshape_1' (Reshape)",
          "it reshapes [N, 2, 2, 2, 2, 3] into [N, 8, 6, 1], not [N, 8, 2, 3]"}},
        {unshuffle([](Graph& g) { g.graph().mutable_node(1)->set_op_type("Relu"); }),
         {"node 'pixel_unshuffle/Transpose' (Relu)", "its input 0 ('split') is a step of PyTorch's pixel_unshuffle",
          "only a Transpose may read it"}},
        {unshuffle([](Graph& g) { g.graph().mutable_output(0)->set_name("split"); }),
         {"the graph's output 'split' is a step of PyTorch's pixel_unshuffle"}},
        {[] {
             Graph g;
             g.input("x", {1, 2, 4, 6});
             Graph::ints_attribute(g.node("Transpose", {"x"}, {"y"}), "perm", {0, 1, 3, 2});
             return g;
         }(),
         {"node 'Transpose' (Transpose)", "it transposes a [N, 2, 4, 6] tensor"}},
    };
    for (const auto& [g, parts] : cases) expect_error(g, parts);
}

}  // namespace
