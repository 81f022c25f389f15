// The ONNX reader on files the reference cases do not cover: operators
// written other ways (MatMul + Add, Flatten of a latent, Upsample, a
// dynamic batch computed in the graph, Linear -> BatchNorm1d -> ReLU -> view),
// each checked against the same model written the plain way; the example's
// DCGAN writer against a real export; and bad input:
// every file outside what ganforge computes is one ganforge::Error naming
// the file, the node, its operator and the attribute or input at fault.
#include <filesystem>
#include <fstream>
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/error.hpp>
#include "readers/onnx_model.hpp"

#include "onnx_test_graph.hpp"
#include "pytorch_dcgan_onnx.hpp"

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

// ---- Bad input ----

// A one-Conv model to break, one way per test.
void conv_model(Graph& g) {
    g.input("x", {-1, 2, 5, 5});
    g.weight("w", {3, 2, 3, 3});
    g.weight("b", {3});
    g.node("Conv", {"x", "w", "b"}, {"y"}, "conv");
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

}  // namespace
