// The ONNX graph ONNX Runtime is timed on, checked without running it: every
// peer case's graph passes ONNX's own checker, and ONNX's shape inference
// (strict) finds the model's output shape in NCHW with an open batch,
// through every reshape, transposition, padding and crop. That ONNX Runtime
// computes what the interpreter does is checked on the same cases by
// bench.onnxruntime.agrees_with_the_interpreter (CMakeLists.txt).
#include <gtest/gtest.h>

#include <onnx/checker.h>
#include <onnx/shape_inference/implementation.h>

#include "bench/bench_inputs.hpp"
#include "bench/onnxruntime/onnx_graph.hpp"

#include "peer_cases.hpp"

namespace ganforge::bench {
namespace {

namespace gf = ganforge;

std::vector<std::int64_t> expected_dims(const Shape& s) {
    if (s.is_image()) return {std::int64_t(s.channels()), std::int64_t(s.height()), std::int64_t(s.width())};
    std::vector<std::int64_t> d;
    for (std::size_t i = 0; i < s.rank(); ++i) d.push_back(std::int64_t(s[i]));
    return d;
}

TEST(OnnxGraph, EveryPeerCaseIsValidOnnxWithTheModelsOutputShape) {
    for (const peer_cases::Case& c : peer_cases::cases) {
        SCOPED_TRACE(c.name);
        const ModelSpec spec = c.spec();
        onnx::ModelProto m = onnx_graph(benchmark_weights(spec, 7));
        EXPECT_NO_THROW(onnx::checker::check_model(m));
        ASSERT_EQ(m.graph().input_size(), int(spec.input_shapes.size()));
        ASSERT_EQ(m.graph().output_size(), 1);
        // Forget the declared output shape; inference must find it again.
        m.mutable_graph()->mutable_output(0)->mutable_type()->mutable_tensor_type()->clear_shape();
        try {
            onnx::shape_inference::InferShapes(m, onnx::OpSchemaRegistry::Instance(),
                                               onnx::ShapeInferenceOptions(true, 1));
        } catch (const std::exception& e) {
            ADD_FAILURE() << "shape inference: " << e.what();
            continue;
        }
        const auto& shape = m.graph().output(0).type().tensor_type().shape();
        const std::vector<std::int64_t> want = expected_dims(spec.output_shape());
        ASSERT_EQ(shape.dim_size(), int(want.size()) + 1);
        EXPECT_FALSE(shape.dim(0).has_dim_value());  // the batch stays open (inference may rename it)
        for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(shape.dim(int(i) + 1).dim_value(), want[i]) << i;
    }
}

TEST(OnnxGraph, ABatchNormalizationAfterAKernelIsFoldedAway) {
    using Model = gf::Sequential<gf::Input{{4, 4, 3}}, gf::Conv2D{.filters = 2, .kernel_size = {3, 3}},
                                 gf::BatchNormalization{}, gf::ReLU{}>;
    const onnx::ModelProto m = onnx_graph(benchmark_weights(Model::spec(), 7));
    std::vector<std::string> ops;
    for (const auto& n : m.graph().node()) ops.push_back(n.op_type());
    EXPECT_EQ(ops, (std::vector<std::string>{"Conv", "Relu"}));
    EXPECT_EQ(m.graph().node(1).output(0), "output");
}

}  // namespace
}  // namespace ganforge::bench
