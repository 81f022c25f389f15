// ModelSpec: a whole model as plain runtime data, the one description the
// interpreter, the summary, the weights store, `ganforge import` and the code
// generator read. Sequential<...>::spec() builds it from a C++ type; the
// importer builds it from Keras and TensorFlow.js files.
#pragma once

#include <string>
#include <vector>

#include <ganforge/core/layer_spec.hpp>
#include <ganforge/core/shape.hpp>

namespace ganforge {

struct ModelSpec {
    Shape input_shape;
    std::vector<LayerSpec> layers;  // shapes inferred (infer_shapes)
    // The layers' names as a file gave them; empty for a model declared in
    // C++, which gets Keras 2.2's default names (keras_layer_names).
    std::vector<std::string> names;

    Shape output_shape() const {
        return layers.empty() ? input_shape : layers.back().output_shape;
    }
};

// Each layer's name: the file's, or Keras 2.2's default `<stem>_<n>`,
// numbered from 1 per class within the model (`dense_1`, `conv2d_transpose_1`).
std::vector<std::string> keras_layer_names(const ModelSpec& model);

// Builds a ModelSpec from an input shape and undecorated layers: infers the
// shapes and throws ganforge::Error naming the layer if the chain does not
// fit (the runtime twin of the DSL's static_assert). `origin` (a file name)
// starts the message when given.
ModelSpec make_model_spec(Shape input, std::vector<LayerSpec> layers,
                          std::vector<std::string> names = {},
                          const std::string& origin = {});

ParamCount param_count(const ModelSpec& model);

}  // namespace ganforge
