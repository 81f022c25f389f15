// The model as ONNX Runtime runs it: the ops of fold_for_peers (every peer's
// treatment: BatchNormalization folded into its kernel, activations after
// their op) written as the ONNX graph a PyTorch user would export: opset 13,
// a symbolic batch, images NCHW (the layout ONNX's Conv takes), every other
// tensor batch first in Keras' order.
#pragma once

#include <cstdint>
#include <vector>

#include <onnx/onnx_pb.h>

#include <ganforge/runtime/weight_store.hpp>

namespace ganforge::bench {

// The graph's inputs are "input_<k>" (model input k, float32; an Embedding's
// labels are cast to integers inside), its output "output". Throws
// ganforge::Error naming the op it cannot express.
// A model with no layers is one Identity node.
onnx::ModelProto onnx_graph(const WeightStore& weights);

// ONNX's dims of a tensor of Keras shape `s` without the batch: images NCHW,
// every other tensor in Keras' order.
std::vector<std::int64_t> onnx_dims(const Shape& s);

}  // namespace ganforge::bench
