#include "readers/onnx_model.hpp"

#include <climits>

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/error.hpp>
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge {
namespace {

// The operators ganforge reads, by op_type, one row each: what each becomes
// on the tensors the model computes, and what it computes where every input
// is a constant.
const OnnxOperators& operators() {
    using namespace onnx_ops;
    static const OnnxOperators table{
        {"Add", {[](Translator& t, OnnxNode& n) { merge(t, n, false); },
                 [](Translator& t, OnnxNode& n) { return arithmetic(t, n, Arithmetic::add); }}},
        {"BatchNormalization", {batch_norm}},
        {"Cast", {cast, cast_constant}},
        {"Ceil", {nullptr, [](Translator& t, OnnxNode& n) { return rounded(t, n, true); }}},
        {"Celu", {[](Translator& t, OnnxNode& n) { alpha_one(t, n, Activation::celu); }}},
        {"Clip", {clip}},
        {"Concat", {concat, concat_constants}},
        {"Constant", {nullptr, constant_node}},
        {"ConstantOfShape", {nullptr, constant_of_shape}},
        {"Conv", {conv}},
        {"ConvTranspose", {conv_transpose}},
        {"DepthToSpace", {depth_to_space}},
        {"Div", {nullptr, [](Translator& t, OnnxNode& n) { return arithmetic(t, n, Arithmetic::div); }}},
        {"Dropout", {dropout}},
        {"Elu", {[](Translator& t, OnnxNode& n) { alpha_one(t, n, Activation::elu); }}},
        {"Exp", {[](Translator& t, OnnxNode& n) { activation(t, n, Activation::exponential); }}},
        {"Flatten", {flatten}},
        {"Floor", {nullptr, [](Translator& t, OnnxNode& n) { return rounded(t, n, false); }}},
        {"Gather", {embedding, gather_constant}},
        {"Gelu", {gelu}},
        {"Gemm", {gemm}},
        {"HardSigmoid", {hard_sigmoid}},
        {"HardSwish", {[](Translator& t, OnnxNode& n) { activation(t, n, Activation::hard_silu); }}},
        {"Identity", {[](Translator& t, OnnxNode& n) { t.alias(n, 0); }}},
        {"InstanceNormalization", {instance_norm}},
        {"LeakyRelu", {[](Translator& t, OnnxNode& n) {
             LayerSpec l{.kind = LayerKind::leaky_relu};
             l.alpha = n.attributes.number("alpha", 0.01f);
             pointwise(t, n, l);
         }}},
        {"MatMul", {matmul}},
        {"Mish", {[](Translator& t, OnnxNode& n) { activation(t, n, Activation::mish); }}},
        {"Mul", {[](Translator& t, OnnxNode& n) { merge(t, n, true); },
                 [](Translator& t, OnnxNode& n) { return arithmetic(t, n, Arithmetic::mul); }}},
        {"Pad", {pad}},
        {"PRelu", {prelu}},
        {"Range", {nullptr, range}},
        {"Relu", {[](Translator& t, OnnxNode& n) { pointwise(t, n, LayerSpec{.kind = LayerKind::relu}); }}},
        {"Reshape", {reshape, reshape_constant}},
        {"Resize", {[](Translator& t, OnnxNode& n) { resize(t, n, false); }}},
        {"Selu", {selu}},
        {"Shape", {shape_of}},
        {"Shrink", {shrink}},
        {"Sigmoid", {[](Translator& t, OnnxNode& n) { activation(t, n, Activation::sigmoid); }}},
        {"Slice", {nullptr, slice}},
        {"Softplus", {[](Translator& t, OnnxNode& n) { activation(t, n, Activation::softplus); }}},
        {"Softsign", {[](Translator& t, OnnxNode& n) { activation(t, n, Activation::softsign); }}},
        {"SpaceToDepth", {space_to_depth}},
        {"Squeeze", {[](Translator& t, OnnxNode& n) { squeeze(t, n, false); },
                     [](Translator& t, OnnxNode& n) { return squeeze_constant(t, n, false); }}},
        {"Sub", {nullptr, [](Translator& t, OnnxNode& n) { return arithmetic(t, n, Arithmetic::sub); }}},
        {"Tanh", {[](Translator& t, OnnxNode& n) { activation(t, n, Activation::tanh); }}},
        {"Transpose", {pixel_unshuffle_transpose, transpose}},
        {"Unsqueeze", {[](Translator& t, OnnxNode& n) { squeeze(t, n, true); },
                       [](Translator& t, OnnxNode& n) { return squeeze_constant(t, n, true); }}},
        {"Upsample", {[](Translator& t, OnnxNode& n) { resize(t, n, true); }}},
    };
    return table;
}

}  // namespace

ModelWithWeights read_onnx_model(std::string_view bytes, const std::string& origin, const ReadOptions& options) {
    onnx::ModelProto model;
    if (bytes.size() > std::size_t(INT_MAX) || !model.ParseFromArray(bytes.data(), int(bytes.size())))
        throw Error(fmt::format("{}: not an ONNX model (its protobuf does not parse)", origin));
    if (!model.has_graph()) throw Error(fmt::format("{}: the ONNX model has no graph", origin));
    return Translator(model, origin, operators(), options).run();
}

}  // namespace ganforge
