// Puts a file's weights into a model's WeightStore. The file's layers that
// hold weights are matched to the model's by name when the model names its
// layers and every name is in the file once (a Functional declaration may
// list a graph in another order than the file), otherwise in order (a
// Sequential's default names, numbered anyhow, only appear in messages).
// Within a layer, tensors are matched by the variable's name (kernel, bias,
// gamma, beta, moving_mean, moving_variance, embeddings), never by position:
// TensorFlow.js lists all non-trainable weights last, Keras keeps them per
// layer. Each tensor's shape must equal the
// model's. A NaN or infinite weight is rejected: Keras would run it, but a
// trained generator holding one is corrupt, and every image it made would be.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <ganforge/readers/weight_file.hpp>
#include <ganforge/runtime/weight_store.hpp>

namespace ganforge {

// Every mismatch throws ganforge::Error naming the file, the model's layer,
// the file's layer, the tensor and what differs. `notes`: the model file's
// KerasModel::layer_notes. A layer read through ReadOptions::custom_layers
// takes its weights by its name alone: weights it needs that the file lacks,
// or weights the file holds for it that it does not have, are an error naming
// its note (the file's class and the SPEC it was read as).
void fill_weights(WeightStore& store, const WeightFile& file, std::span<const std::string> notes = {});

// "layer 3 'dense_1' (Dense)", with layer i's note when it has one, for
// messages about weights; `names` is keras_layer_names(model).
std::string weights_layer_text(const ModelSpec& model, const std::vector<std::string>& names, std::size_t i,
                               std::span<const std::string> notes);

}  // namespace ganforge
