#include "readers/onnx_model.hpp"

#include <climits>

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/error.hpp>
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge {
namespace {

// The operators ganforge reads, by op_type, one row each: what each becomes.
const OnnxOperators& operators() {
    using namespace onnx_ops;
    static const OnnxOperators table{
        {"Add", [](Translator& t, OnnxNode& n) { merge(t, n, false); }},
        {"BatchNormalization", batch_norm},
        {"Cast", cast},
        {"Concat", concat},
        {"Constant", constant_node},
        {"Conv", conv},
        {"ConvTranspose", conv_transpose},
        {"Dropout", dropout},
        {"Flatten", flatten},
        {"Gather", gather},
        {"Gemm", gemm},
        {"Identity", [](Translator& t, OnnxNode& n) { t.alias(n, 0); }},
        {"LeakyRelu", [](Translator& t, OnnxNode& n) {
             LayerSpec l{.kind = LayerKind::leaky_relu};
             l.alpha = n.attributes.number("alpha", 0.01f);
             pointwise(t, n, l);
         }},
        {"MatMul", matmul},
        {"Mul", [](Translator& t, OnnxNode& n) { merge(t, n, true); }},
        {"Relu", [](Translator& t, OnnxNode& n) { pointwise(t, n, LayerSpec{.kind = LayerKind::relu}); }},
        {"Reshape", reshape},
        {"Resize", [](Translator& t, OnnxNode& n) { resize(t, n, false); }},
        {"Shape", shape_of},
        {"Sigmoid", [](Translator& t, OnnxNode& n) { activation(t, n, Activation::sigmoid); }},
        {"Squeeze", [](Translator& t, OnnxNode& n) { squeeze(t, n, false); }},
        {"Tanh", [](Translator& t, OnnxNode& n) { activation(t, n, Activation::tanh); }},
        {"Unsqueeze", [](Translator& t, OnnxNode& n) { squeeze(t, n, true); }},
        {"Upsample", [](Translator& t, OnnxNode& n) { resize(t, n, true); }},
    };
    return table;
}

}  // namespace

ModelWithWeights read_onnx_model(std::string_view bytes, const std::string& origin) {
    onnx::ModelProto model;
    if (bytes.size() > std::size_t(INT_MAX) || !model.ParseFromArray(bytes.data(), int(bytes.size())))
        throw Error(fmt::format("{}: not an ONNX model (its protobuf does not parse)", origin));
    if (!model.has_graph()) throw Error(fmt::format("{}: the ONNX model has no graph", origin));
    return Translator(model, origin, operators()).run();
}

}  // namespace ganforge
