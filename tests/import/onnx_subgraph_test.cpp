// What torch.onnx.export leaves around the layers, read by the ONNX reader:
// constant subgraphs evaluated once at import (a Pad's pads computed from a
// Constant through Concat, Reshape, Slice, Transpose and Cast; arithmetic,
// Range, Gather, Squeeze), shapes computed from a dynamic height and width
// given in ReadOptions, and int64 / int32 labels feeding an Embedding. Each
// is checked against the same model written the plain way, or against
// PyTorch's own output for a real export (data/torch_onnx, written by
// make_torch_onnx.py there); and bad input, each one ganforge::Error
// naming the file, the node or input, and the problem.
#include <climits>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <ostream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/error.hpp>
#include "readers/onnx_model.hpp"

#include "onnx_test_graph.hpp"
#include "refcase.hpp"

namespace ganforge {

// A Pad's margins as a failed expectation prints them.
void PrintTo(const Margins& m, std::ostream* os) {
    *os << "{top " << m.top << ", bottom " << m.bottom << ", left " << m.left << ", right " << m.right << "}";
}

}  // namespace ganforge

namespace {

namespace gf = ganforge;
using ::testing::HasSubstr;
using onnx_test::expect_error;
using onnx_test::Graph;
using onnx_test::ramp;
using onnx_test::run;

constexpr long long int64_max = LLONG_MAX;

// The pads torch 1.13 computes for nn.ZeroPad2d(ltrb), ltrb in PyTorch's
// order (left, right, top, bottom), as `out`: pairs per axis from the last,
// reversed into ONNX's [begins..., ends...] of NCHW.
void torch_pads(Graph& g, const std::vector<long long>& ltrb, const std::string& out) {
    g.int_constant("pad_count", {4});
    g.int_constant("module_pads", ltrb);
    *Graph::tensor_attribute(g.node("ConstantOfShape", {"pad_count"}, {"zeros"}), "value") = Graph::int_tensor({0});
    Graph::int_attribute(g.node("Concat", {"module_pads", "zeros"}, {"joined"}), "axis", 0);
    g.int_constant("pairs", {-1, 2});
    g.node("Reshape", {"joined", "pairs"}, {"per_axis"});
    g.int_constant("slice_axes", {0});
    g.int_constant("slice_starts", {-1});
    g.int_constant("slice_ends", {-int64_max});
    g.int_constant("slice_steps", {-1});
    g.node("Slice", {"per_axis", "slice_starts", "slice_ends", "slice_axes", "slice_steps"}, {"reversed"});
    Graph::ints_attribute(g.node("Transpose", {"reversed"}, {"by_end"}), "perm", {1, 0});
    g.int_constant("flat", {-1});
    g.node("Reshape", {"by_end", "flat"}, {"flat_pads"});
    Graph::int_attribute(g.node("Cast", {"flat_pads"}, {out}), "to", onnx::TensorProto::INT64);
}

// x [N, 2, 4, 5] -> Pad(pads) -> Conv 3x3 -> y.
void padded_conv(Graph& g, const std::string& pads) {
    g.input("x", {-1, 2, 4, 5});
    g.weight("w", {3, 2, 3, 3});
    g.float_constant("zero", {0.0f}, std::vector<long long>{});
    Graph::text_attribute(g.node("Pad", {"x", pads, "zero"}, {"padded"}), "mode", "constant");
    g.node("Conv", {"padded", "w"}, {"y"});
}

gf::Margins first_margins(const gf::ModelWithWeights& m) {
    const gf::LayerSpec& l = m.weights.model().layers.at(0);
    EXPECT_EQ(l.kind, gf::LayerKind::zero_padding2d);
    return l.margins;
}

gf::Margins margins(int top, int bottom, int left, int right) {
    gf::Margins m;
    m.top = top;
    m.bottom = bottom;
    m.left = left;
    m.right = right;
    return m;
}

TEST(OnnxSubgraph, TorchsPadsSubgraphIsThePlainPads) {
    Graph computed;
    torch_pads(computed, {1, 2, 3, 4}, "pads");
    padded_conv(computed, "pads");
    Graph plain;
    plain.ints("pads", {0, 0, 3, 1, 0, 0, 4, 2});
    padded_conv(plain, "pads");
    const gf::ModelWithWeights a = computed.read(), b = plain.read();
    EXPECT_EQ(first_margins(a), margins(3, 4, 1, 2));
    EXPECT_EQ(a.weights.model().output_shape(), (gf::Shape{9, 6, 3}));
    EXPECT_EQ(run(a, {ramp(2 * 40)}, 2), run(b, {ramp(2 * 40)}, 2));
}

// The nodes before the first Pad of a real export (CycleGAN's
// ReflectionPad2d(3)) compute its pads; here they feed a zero Pad instead.
TEST(OnnxSubgraph, RealExportsPadsSubgraphEvaluates) {
    std::ifstream in(refcase::shared_dir() / "refcases-i2i/cyclegan_resnet_ngf16_b3_32x32/model.onnx",
                     std::ios::binary);
    onnx::ModelProto exported;
    ASSERT_TRUE(exported.ParseFromIstream(&in));
    Graph g;
    g.input("x", {-1, 3, 32, 32});
    const onnx::NodeProto* pad = nullptr;
    for (const onnx::NodeProto& n : exported.graph().node()) {
        if (n.op_type() == "Pad") {
            pad = &n;
            break;
        }
        *g.graph().add_node() = n;
    }
    ASSERT_NE(pad, nullptr);
    Graph::text_attribute(g.node("Pad", {"x", pad->input(1)}, {"y"}), "mode", "constant");
    const gf::ModelWithWeights m = g.read();
    EXPECT_EQ(first_margins(m), gf::Margins(3));
}

// Other ways of computing pads, each as ONNX defines its operators: the
// pads [0, 0, top, left, 0, 0, bottom, right] the case gives.
TEST(OnnxSubgraph, ConstantOperatorsComputeAsOnnxSays) {
    struct Case {
        const char* what;
        std::function<void(Graph&)> pads;  // computes "pads"
        gf::Margins expected;
    };
    const std::vector<Case> cases = {
        {"Range, then Slice backward by 2 from the end past the start",
         [](Graph& g) {
             g.int_constant("start", {0}, std::vector<long long>{});
             g.int_constant("limit", {16}, std::vector<long long>{});
             g.int_constant("delta", {1}, std::vector<long long>{});
             g.node("Range", {"start", "limit", "delta"}, {"r"});
             g.int_constant("starts", {-2});
             g.int_constant("ends", {LLONG_MIN});
             g.int_constant("axes", {0});
             g.int_constant("steps", {-2});
             g.node("Slice", {"r", "starts", "ends", "axes", "steps"}, {"s"});  // 14, 12, ..., 0
             g.int_constant("mask", {0, 0, 1, 1, 0, 0, 1, 1});
             g.node("Mul", {"s", "mask"}, {"pads"});
         },
         margins(10, 2, 8, 0)},
        {"integer Div truncates toward zero; int64 beyond 2^53 stays exact",
         [](Graph& g) {
             const long long big = 1LL << 60;
             g.int_constant("a", {0, 0, -7, 7, 0, 0, big + 5, 9});
             g.int_constant("b", {1, 1, 2, 2, 1, 1, 1, 4});
             g.node("Div", {"a", "b"}, {"q"});  // 0, 0, -3, 3, 0, 0, big + 5, 2
             g.int_constant("sign", {1, 1, -1, 1, 1, 1, 1, 1});
             g.node("Mul", {"q", "sign"}, {"m"});
             g.int_constant("offset", {0, 0, 0, 0, 0, 0, big, 0});
             g.node("Sub", {"m", "offset"}, {"pads"});
         },
         margins(3, 5, 3, 2)},
        {"float Range, Ceil and Cast to int64",
         [](Graph& g) {
             g.float_constant("start", {0.0f}, std::vector<long long>{});
             g.float_constant("limit", {4.0f}, std::vector<long long>{});
             g.float_constant("delta", {0.5f}, std::vector<long long>{});
             g.node("Range", {"start", "limit", "delta"}, {"r"});  // 0, 0.5, ..., 3.5
             g.float_constant("mask", {0, 0, 1, 1, 0, 0, 1, 1});
             g.node("Mul", {"r", "mask"}, {"m"});
             g.node("Ceil", {"m"}, {"c"});
             Graph::int_attribute(g.node("Cast", {"c"}, {"pads"}), "to", onnx::TensorProto::INT64);
         },
         margins(1, 3, 2, 4)},
        {"Gather on axis 1, Unsqueeze, Squeeze and Reshape",
         [](Graph& g) {
             g.int_constant("table", {9, 0, 1, 3, 8, 0, 2, 4}, std::vector<long long>{2, 4});
             g.int_constant("picks", {1, 1, 2, 3});
             Graph::int_attribute(g.node("Gather", {"table", "picks"}, {"rows"}), "axis", 1);
             g.int_constant("axis0", {0});
             g.node("Unsqueeze", {"rows", "axis0"}, {"u"});
             g.node("Squeeze", {"u", "axis0"}, {"s"});
             g.int_constant("flat", {-1});
             g.node("Reshape", {"s", "flat"}, {"pads"});
         },
         margins(1, 2, 3, 4)},
        {"Transpose of three axes",
         [](Graph& g) {
             g.int_constant("a", {0, 0, 0, 0, 5, 7, 6, 8}, std::vector<long long>{2, 2, 2});
             Graph::ints_attribute(g.node("Transpose", {"a"}, {"t"}), "perm", {2, 0, 1});
             g.int_constant("flat", {-1});
             g.node("Reshape", {"t", "flat"}, {"pads"});
         },
         margins(5, 7, 6, 8)},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        Graph g;
        c.pads(g);
        padded_conv(g, "pads");
        EXPECT_EQ(first_margins(g.read()), c.expected);
    }
}

// Opset 9: Slice's starts and ends are attributes.
TEST(OnnxSubgraph, SliceAttributesBeforeOpset10) {
    Graph g(9);
    g.input("z", {-1, 12});
    g.int_constant("long_shape", {-1, 1, 3, 4, 99});
    auto& s = g.node("Slice", {"long_shape"}, {"shape"});
    Graph::ints_attribute(s, "starts", {0});
    Graph::ints_attribute(s, "ends", {-1});
    g.node("Reshape", {"z", "shape"}, {"y"});
    EXPECT_EQ(g.read().weights.model().output_shape(), (gf::Shape{3, 4, 1}));
}

// x [N, 4, H, W] -> Resize to twice H and W -> Conv 1x1 to one channel ->
// view(N, 1, H, 4 W): sizes and shape computed from the input's Shape
// (Gather, Mul, Div, Slice, Unsqueeze, Concat, Cast), or given as constants.
Graph resize_and_view(bool computed) {
    Graph g;
    g.input("x", computed ? std::vector<long long>{-1, 4, -1, -1} : std::vector<long long>{-1, 4, 3, 5});
    g.weight("w", {1, 4, 1, 1});
    if (computed) {
        g.node("Shape", {"x"}, {"s"});
        g.int_constant("two", {2}, std::vector<long long>{});
        for (const char* axis : {"2", "3"}) {
            const std::string a(axis);
            g.int_constant("at" + a, {std::stoll(a)}, std::vector<long long>{});
            g.node("Gather", {"s", "at" + a}, {"d" + a});
            g.node("Mul", {"d" + a, "two"}, {"twice" + a});
            g.int_constant("axes" + a, {0});
            g.node("Unsqueeze", {"twice" + a, "axes" + a}, {"u" + a});
        }
        g.int_constant("zero", {0});
        g.int_constant("two_1d", {2});
        g.node("Slice", {"s", "zero", "two_1d"}, {"nc"});
        Graph::int_attribute(g.node("Concat", {"nc", "u2", "u3"}, {"sizes_any"}), "axis", 0);
        Graph::int_attribute(g.node("Cast", {"sizes_any"}, {"sizes"}), "to", onnx::TensorProto::INT64);
    } else {
        g.float_constant("scales", {1, 1, 2, 2});
    }
    auto& resize = g.node("Resize", {"x", "", computed ? "" : "scales", computed ? "sizes" : ""}, {"r"});
    Graph::text_attribute(resize, "coordinate_transformation_mode", "asymmetric");
    Graph::text_attribute(resize, "nearest_mode", "floor");
    g.node("Conv", {"r", "w"}, {"c"});
    if (computed) {
        g.node("Shape", {"c"}, {"cs"});
        g.node("Gather", {"cs", "zero"}, {"n"});
        g.int_constant("one", {1});
        g.node("Gather", {"cs", "at2"}, {"h2"});
        g.node("Div", {"h2", "two"}, {"h"});
        g.node("Unsqueeze", {"h", "axes2"}, {"uh"});
        g.node("Gather", {"cs", "at3"}, {"w2"});
        g.node("Mul", {"w2", "two"}, {"w4"});
        g.node("Unsqueeze", {"w4", "axes3"}, {"uw"});
        Graph::int_attribute(g.node("Concat", {"n", "one", "uh", "uw"}, {"view"}), "axis", 0);
    } else {
        g.ints("view", {-1, 1, 3, 20});
    }
    g.node("Reshape", {"c", "view"}, {"y"});
    return g;
}

TEST(OnnxSubgraph, DynamicHeightAndWidthComputeTheirShapes) {
    Graph computed = resize_and_view(true);
    computed.options.input_shapes = {gf::Shape{3, 5, 4}};
    const gf::ModelWithWeights a = computed.read(), b = resize_and_view(false).read();
    EXPECT_EQ(a.weights.model().input_shape(), (gf::Shape{3, 5, 4}));
    EXPECT_EQ(a.weights.model().output_shape(), (gf::Shape{3, 20, 1}));
    EXPECT_EQ(run(a, {ramp(2 * 60)}, 2), run(b, {ramp(2 * 60)}, 2));
}

// labels [N] int64 (or [N, 1] int32) and z [N, 3] -> cat(Embedding(5, 2)(labels), z) -> Linear(5, 4).
Graph labelled(int type) {
    Graph g;
    g.input("labels", type == onnx::TensorProto::INT64 ? std::vector<long long>{-1} : std::vector<long long>{-1, 1},
            type);
    g.input("z", {-1, 3});
    g.weight("table", {5, 2});
    g.weight("w", {4, 5});
    g.weight("b", {4});
    g.node("Gather", {"table", "labels"}, {"e"});
    std::string embedded = "e";
    if (type == onnx::TensorProto::INT32) {
        g.ints("flat", {0, -1});
        g.node("Reshape", {"e", "flat"}, {"ef"});
        embedded = "ef";
    }
    Graph::int_attribute(g.node("Concat", {embedded, "z"}, {"h"}), "axis", 1);
    Graph::int_attribute(g.node("Gemm", {"h", "w", "b"}, {"y"}), "transB", 1);
    return g;
}

TEST(OnnxSubgraph, IntegerLabelsFeedAnEmbedding) {
    const Graph g = labelled(onnx::TensorProto::INT64);
    const gf::ModelWithWeights m = g.read();
    EXPECT_EQ(m.weights.model().layers.at(0).kind, gf::LayerKind::embedding);
    const std::vector<float> labels{3, 0, 4}, z = ramp(9);
    const std::vector<float> y = run(m, {labels, z}, 3);
    auto weight = [&](int k, int i) { return g.model.graph().initializer(k).float_data(i); };
    ASSERT_EQ(y.size(), 12u);
    for (std::size_t n = 0; n < 3; ++n)
        for (int o = 0; o < 4; ++o) {
            float sum = weight(2, o);
            for (int k = 0; k < 2; ++k) sum += weight(1, o * 5 + k) * weight(0, int(labels[n]) * 2 + k);
            for (int k = 0; k < 3; ++k) sum += weight(1, o * 5 + 2 + k) * z[n * 3 + std::size_t(k)];
            EXPECT_NEAR(y[n * 4 + std::size_t(o)], sum, 1e-6f) << n << ", " << o;
        }
    EXPECT_EQ(run(labelled(onnx::TensorProto::INT32).read(), {labels, z}, 3), y);
    EXPECT_THAT([&] { run(m, {{3, 5, 0}, z}, 3); },
                ::testing::ThrowsMessage<gf::Error>(HasSubstr("label 5 is outside [0, 5)")));
}

// ---- Real exports (data/torch_onnx) ----

std::filesystem::path torch_data(const std::string& file) {
    return std::filesystem::path(GANFORGE_IMPORT_TEST_DATA) / "torch_onnx" / file;
}

gf::ModelWithWeights read_export(const std::string& file, const gf::ReadOptions& options = {}) {
    std::ifstream in(torch_data(file), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return gf::read_onnx_model(bytes, file, options);
}

TEST(OnnxSubgraph, TorchConditionalGeneratorWithInt64Labels) {
    const gf::ModelWithWeights m = read_export("cgan.onnx");
    const std::vector<float> z = refcase::read_floats(torch_data("cgan_z.bin")),
                             labels = refcase::read_floats(torch_data("cgan_labels.bin"));
    const std::vector<float> y = run(m, {z, labels}, 3);
    EXPECT_TRUE(refcase::near_reference(y, refcase::read_floats(torch_data("cgan_y.bin"))));
}

TEST(OnnxSubgraph, TorchExportWithDynamicHeightAndWidthAtAnotherSize) {
    const gf::ModelWithWeights m = read_export("dyn.onnx", gf::ReadOptions{.input_shapes = {gf::Shape{6, 10, 3}}});
    EXPECT_EQ(m.weights.model().output_shape(), (gf::Shape{12, 20, 1}));
    const std::vector<float> y = run(m, {refcase::read_floats(torch_data("dyn_x.bin"))}, 2);
    EXPECT_TRUE(refcase::near_reference(y, refcase::read_floats(torch_data("dyn_y.bin"))));
    EXPECT_THAT([] { read_export("dyn.onnx"); },
                ::testing::ThrowsMessage<gf::Error>(
                    HasSubstr("dyn.onnx: input 'x': its dimension 2 (H) is symbolic ('height')")));
}

// ---- Bad input ----

TEST(OnnxSubgraphBadInput, EveryProblemIsOneErrorNamingTheFileAndTheNode) {
    using Build = std::function<Graph()>;
    auto padded = [](std::function<void(Graph&)> pads) {
        return [pads] {
            Graph g;
            pads(g);
            padded_conv(g, "pads");
            return g;
        };
    };
    const std::vector<std::pair<Build, std::vector<std::string>>> cases = {
        {padded([](Graph& g) {
             g.int_constant("starts", {0});
             g.int_constant("ends", {1});
             g.node("Slice", {"x", "starts", "ends"}, {"pads"});
         }),
         {"node 'Slice' (Slice)", "its input 0 ('x') is computed from the graph's inputs",
          "computes Slice only on constants"}},
        {[] {
             Graph g;
             g.input("p", {-1, 8});
             padded_conv(g, "p");
             return g;
         },
         {"node 'Pad' (Pad)", "its pads (input 1, 'p') must be a constant",
          "but it is computed from the graph's inputs"}},
        {[] { return resize_and_view(true); },
         {"input 'x': its dimension 2 (H) is symbolic ('d2')", "--input-shape H,W,C"}},
        {[] {
             Graph g = resize_and_view(false);
             g.options.input_shapes = {gf::Shape{3, 6, 4}};
             return g;
         },
         {"input 'x': its dimension 3 (W) is 5 in the file", "(3, 6, 4), says 6"}},
        {[] {
             Graph g = resize_and_view(false);
             g.options.input_shapes = {gf::Shape{3, 5, 4}, gf::Shape{2}};
             return g;
         },
         {"2 input shapes are given for its 1 inputs"}},
        {padded([](Graph& g) {
             g.int_constant("v", {0, 0, 1, 1, 0, 0, 1, 1});
             g.int_constant("starts", {0});
             g.int_constant("ends", {8});
             g.int_constant("axes", {0});
             g.int_constant("steps", {0});
             g.node("Slice", {"v", "starts", "ends", "axes", "steps"}, {"pads"});
         }),
         {"node 'Slice' (Slice)", "its step on axis 0 is 0"}},
        {padded([](Graph& g) {
             g.int_constant("v", {0, 0, 1, 1, 0, 0, 1, 1});
             g.int_constant("shape", {3, -1});
             g.node("Reshape", {"v", "shape"}, {"pads"});
         }),
         {"node 'Reshape' (Reshape)", "its shape [3, -1] does not fit the 8 values of its input [8]"}},
        {padded([](Graph& g) {
             g.int_constant("huge", {1 << 20, 1 << 20});
             g.node("ConstantOfShape", {"huge"}, {"pads"});
         }),
         {"node 'ConstantOfShape' (ConstantOfShape)", "[1048576, 1048576]", "past 16777216"}},
        {padded([](Graph& g) {
             g.int_constant("half", {1 << 23});
             g.node("ConstantOfShape", {"half"}, {"zeros"});
             Graph::int_attribute(g.node("Concat", {"zeros", "zeros"}, {"pads"}), "axis", 0);
         }),
         {"node 'Concat' (Concat)", "past 16777216"}},
        {padded([](Graph& g) {
             g.int_constant("a", {7});
             g.int_constant("b", {0});
             g.node("Div", {"a", "b"}, {"pads"});
         }),
         {"node 'Div' (Div)", "it divides the integer 7 by 0"}},
        {padded([](Graph& g) {
             g.node("Shape", {"x"}, {"s"});
             g.int_constant("two", {2});
             g.node("Mul", {"s", "two"}, {"pads"});
         }),
         {"node 'Mul' (Mul)", "it computes with the batch size, which the graph leaves symbolic"}},
        {padded([](Graph& g) { g.ints("pads", {0, 1, 0, 0, 0, 0, 0, 0}); }),
         {"node 'Pad' (Pad)", "pad the batch or the channels"}},
        {[] {
             Graph g = labelled(onnx::TensorProto::INT64);
             g.graph().mutable_node(0)->set_input(0, "labels");
             g.graph().mutable_node(0)->set_input(1, "table");
             return g;
         },
         {"input 'labels' holds integers", "node 'Gather' (Gather) reads it as its input 0"}},
        {[] {
             Graph g = labelled(onnx::TensorProto::INT64);
             g.graph().mutable_node(0)->set_input(1, "z");
             return g;
         },
         {"node 'Gather' (Gather)", "its indices (input 1, 'z') are a float tensor"}},
    };
    for (const auto& [build, parts] : cases) expect_error(build(), parts);
}

}  // namespace
