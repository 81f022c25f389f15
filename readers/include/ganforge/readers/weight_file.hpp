// WeightFile: the weight tensors a file holds, grouped by the layer they belong
// to, before they are matched to a model (weight_matching.hpp). Every reader
// (TensorFlow.js shards, Keras HDF5) produces one, so matching, checking and
// error messages are written once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <ganforge/runtime/weight_store.hpp>

namespace ganforge {

struct FileTensor {
    std::string name;  // as the file names it: "dense_1/kernel:0", "sequential/dense/kernel"
    std::vector<std::size_t> shape;
    std::vector<float> values;
};

struct FileLayer {
    std::string name;
    std::vector<FileTensor> tensors;
};

struct WeightFile {
    std::string origin;             // the file, for messages
    std::vector<FileLayer> layers;  // in the model's layer order
};

// A model's weights as a file's, each tensor named "<layer>/<role>": an ONNX
// file's weights, translated with its model, matched to a declared model.
WeightFile weight_file_of(const WeightStore& store, std::string origin);

// The variable's own name: "dense_1/kernel:0" -> "kernel" (Keras 2 adds ":0",
// Keras 3 and tfjs do not).
std::string_view weight_variable_name(std::string_view name);

// The layer a weight name files the tensor under: "dense_1/kernel:0" ->
// "dense_1", "sequential/dense/kernel" -> "dense"; empty without a '/'.
std::string_view weight_owner_layer(std::string_view name);

// Groups tensors into layers by weight_owner_layer, in order of first
// appearance; a tensor whose name has no layer is an error naming `origin`.
std::vector<FileLayer> group_by_owner(std::vector<FileTensor> tensors, const std::string& origin);

// Reorders `layers` as `order` (a model config's layer names) lists them;
// layers it does not name keep their relative order, after the others.
void order_layers(std::vector<FileLayer>& layers, const std::vector<std::string>& order);

}  // namespace ganforge
