// ModelSpec: a whole model as plain runtime data, the one description the
// interpreter, the summary, the weights store, `ganforge import` and the code
// generator read. Sequential<...>::spec() builds it from a C++ type; the
// importer builds it from Keras and TensorFlow.js files.
//
// A model is a graph: inputs, then layers in an order where every layer comes
// after the tensors it reads (LayerSpec::inbound); the last layer is the
// output. A chain is the case of one input and each layer reading the one
// before.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <ganforge/core/image_size.hpp>
#include <ganforge/core/layer_types.hpp>
#include <ganforge/core/shape.hpp>

namespace ganforge {

struct ModelSpec {
    std::vector<Shape> input_shapes;  // in the model's input order; at least one
    std::vector<LayerSpec> layers;    // shapes and inbound inferred (infer_shapes)
    // The layers' names as a file gave them; empty for a model declared in
    // C++, which gets Keras 2.2's default names (keras_layer_names).
    std::vector<std::string> names;
    // The inputs' names (Keras' InputLayer names), empty as `names` is.
    std::vector<std::string> input_names;

    Shape input_shape() const { return input_shapes.front(); }
    Shape output_shape() const {
        return layers.empty() ? input_shape() : layers.back().output_shape;
    }
    // One input, and every layer reads the tensor just before it.
    bool is_chain() const;
    // The shape of a tensor a layer reads.
    Shape shape_of(TensorRef r) const {
        return r.model_input ? input_shapes[r.index] : layers[r.index].output_shape;
    }
};

// Each layer's name: the file's, or Keras 2.2's default `<stem>_<n>`,
// numbered from 1 per class within the model (`dense_1`, `conv2d_transpose_1`).
std::vector<std::string> keras_layer_names(const ModelSpec& model);

// Each input's name: the file's, or `input_<k>` numbered from 1 in input order.
std::vector<std::string> keras_input_names(const ModelSpec& model);

// Builds a ModelSpec from input shapes and undecorated layers: infers the
// shapes and throws ganforge::Error naming the layer if the model does not
// fit (the runtime twin of the DSL's static_assert). `origin` (a file name)
// starts the message when given.
ModelSpec make_model_spec(std::vector<Shape> inputs, std::vector<LayerSpec> layers,
                          std::vector<std::string> names = {},
                          const std::string& origin = {});
// A chain's: one input.
inline ModelSpec make_model_spec(Shape input, std::vector<LayerSpec> layers,
                                 std::vector<std::string> names = {},
                                 const std::string& origin = {}) {
    return make_model_spec(std::vector<Shape>{input}, std::move(layers), std::move(names), origin);
}

ParamCount param_count(const ModelSpec& model);

// The model with its image inputs at `extents` (one per image input, in
// input order): core/image_size.hpp's rule; a size it cannot take throws
// ganforge::Error naming the layer and the size.
ModelSpec resized_model(const ModelSpec& model, std::span<const ImageExtent> extents);

// How many times each layer's output is read (by layers, and once more as
// the model's output), and by which layers.
struct Readers {
    std::vector<std::size_t> count;
    std::vector<std::vector<std::size_t>> layers;
};
Readers readers_of(const ModelSpec& model);

// The number of labels input `input` holds when an Embedding reads it (its
// input_dim: the input's values are integers in [0, input_dim)), else 0.
int input_labels(const ModelSpec& model, std::size_t input);

}  // namespace ganforge
