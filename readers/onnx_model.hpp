// An ONNX file, as torch.onnx.export writes it, as the model description
// ganforge computes with, channels last, and its weights. Each ONNX operator
// becomes the Keras layers that compute the same (a Conv's pads a
// ZeroPadding2D or 'same', a ConvTranspose's pads a Cropping2D or 'same',
// Gemm a Dense); weights are transposed once here (OIHW and IOHW to Keras'
// kernels), and a Linear's outputs are reordered where a Reshape makes
// them an image, so the features land where PyTorch's channel-first view
// puts them. The constant subgraphs the exporter leaves (shapes, pads:
// Constant, ConstantOfShape, Shape, Gather, Concat, Reshape, Slice,
// Transpose, Cast, arithmetic) are evaluated once, here. Integer inputs are
// labels an Embedding reads (a Gather from a table). An operator, attribute
// or input outside what ganforge computes is an error naming the node.
#pragma once

#include <string>
#include <string_view>

#include <ganforge/readers/model_file.hpp>
#include <ganforge/readers/read_options.hpp>

namespace ganforge {

// `bytes` is the file's content; `origin` (its name) starts every error.
// `options.input_shapes` give the extents the inputs leave symbolic (a
// dynamic height and width); their other fields concern Keras' files.
ModelWithWeights read_onnx_model(std::string_view bytes, const std::string& origin, const ReadOptions& options = {});

}  // namespace ganforge
