// The translations and evaluations of the ONNX operators ganforge reads, by
// family, one file each. The table in onnx_model.cpp is where an operator
// is registered: its op_type, what it becomes on tensors and what it
// computes on constants.
#pragma once

#include <ganforge/core/layer_spec.hpp>
#include "readers/onnx_constant.hpp"

namespace ganforge {

class Translator;
struct OnnxNode;
struct Value;

namespace onnx_ops {

// onnx_constant_ops.cpp: the constants and the operators that make them.
OnnxConstant constant_node(Translator& t, OnnxNode& n);
OnnxConstant constant_of_shape(Translator& t, OnnxNode& n);
OnnxConstant range(Translator& t, OnnxNode& n);
// Shape of a tensor or a constant: a constant either way.
void shape_of(Translator& t, OnnxNode& n);
void cast(Translator& t, OnnxNode& n);
OnnxConstant cast_constant(Translator& t, OnnxNode& n);

// onnx_constant_indexing.cpp: constants' values picked and moved.
OnnxConstant gather_constant(Translator& t, OnnxNode& n);
OnnxConstant concat_constants(Translator& t, OnnxNode& n);
OnnxConstant slice(Translator& t, OnnxNode& n);
OnnxConstant transpose(Translator& t, OnnxNode& n);

// onnx_constant_arithmetic.cpp: arithmetic on constants.
enum class Arithmetic { add, sub, mul, div };
OnnxConstant arithmetic(Translator& t, OnnxNode& n, Arithmetic op);
// Floor, or Ceil where `up`.
OnnxConstant rounded(Translator& t, OnnxNode& n, bool up);

// onnx_reshape_ops.cpp: new dims for the same values.
void reshape(Translator& t, OnnxNode& n);
OnnxConstant reshape_constant(Translator& t, OnnxNode& n);
void flatten(Translator& t, OnnxNode& n);
void squeeze(Translator& t, OnnxNode& n, bool unsqueeze);
OnnxConstant squeeze_constant(Translator& t, OnnxNode& n, bool unsqueeze);

// onnx_dense_ops.cpp: Linear as Gemm, or as MatMul and an Add.
void gemm(Translator& t, OnnxNode& n);
void matmul(Translator& t, OnnxNode& n);
// Adds the constant operand of Add as the bias of the bias-free Dense (a
// MatMul) that alone computes input `tensor` of n; false, with nothing
// changed, where no such Dense computes it.
bool add_matmul_bias(Translator& t, OnnxNode& n, int tensor);

// onnx_conv_ops.cpp: 2-D convolutions and their transposes.
void conv(Translator& t, OnnxNode& n);
void conv_transpose(Translator& t, OnnxNode& n);

// onnx_embedding_ops.cpp: a Gather of integer labels from a table.
void embedding(Translator& t, OnnxNode& n);

// onnx_pad_ops.cpp: padding of an image (zeros, reflected, repeated edge).
void pad(Translator& t, OnnxNode& n);

// onnx_normalization_ops.cpp: per-channel normalizations.
void batch_norm(Translator& t, OnnxNode& n);
void instance_norm(Translator& t, OnnxNode& n);

// onnx_pointwise_ops.cpp: one tensor in, each value mapped alone.
void pointwise(Translator& t, OnnxNode& n, LayerSpec l);
void activation(Translator& t, OnnxNode& n, Activation a);
void prelu(Translator& t, OnnxNode& n);
void dropout(Translator& t, OnnxNode& n);
// The operators of parameters that are Keras' functions for some values
// only: those values, or an error naming the node. Elu and Celu with alpha 1;
// Selu with its defaults; HardSigmoid's alpha and beta of Keras 2's, Keras
// 3's and sparse_sigmoid; Clip to [0, 6] (relu6), [-1, 1] (hard_tanh) or
// [0, inf) (relu); Shrink as hard_shrink or soft_shrink (lambd 0.5); Gelu
// with approximate "none".
void alpha_one(Translator& t, OnnxNode& n, Activation a);
void selu(Translator& t, OnnxNode& n);
void hard_sigmoid(Translator& t, OnnxNode& n);
void clip(Translator& t, OnnxNode& n);
void shrink(Translator& t, OnnxNode& n);
void gelu(Translator& t, OnnxNode& n);

// onnx_merge_ops.cpp: tensors joined into one.
void merge(Translator& t, OnnxNode& n, bool multiply);
void concat(Translator& t, OnnxNode& n);

// onnx_shuffle_ops.cpp: pixel shuffles, channels into blocks of pixels and back.
void depth_to_space(Translator& t, OnnxNode& n);
void space_to_depth(Translator& t, OnnxNode& n);
// PyTorch's pixel_unshuffle: the Reshapes into and out of its rank-6 view
// (from reshape, with x's dims reshaped to `dims`), and its Transpose.
void pixel_unshuffle_reshape(Translator& t, OnnxNode& n, const Value& x, const std::vector<long long>& dims);
void pixel_unshuffle_transpose(Translator& t, OnnxNode& n);

// onnx_resize_ops.cpp: Resize (opset 10 on) and Upsample (before).
void resize(Translator& t, OnnxNode& n, bool upsample);

}  // namespace onnx_ops
}  // namespace ganforge
