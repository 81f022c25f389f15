// KerasModel: a model file's description as the readers return it, the
// ModelSpec with what the file says beside it (its name, Keras version,
// tensor layout and where Keras 3 files each layer's weights).
#pragma once

#include <string>
#include <vector>

#include <ganforge/core/model_spec.hpp>
#include <ganforge/core/unknown_extents.hpp>
#include <ganforge/runtime/tensor_layout.hpp>

namespace ganforge {

struct KerasModel {
    std::string name;           // the model's own name ("sequential", "generator")
    std::string keras_version;  // as the file gives it; may be empty
    ModelSpec spec;             // with the file's layer names
    // Where the file's tensors keep their channels: Keras' last, an ONNX
    // file's (PyTorch's) second, the default of `ganforge predict --layout`.
    TensorLayout layout = TensorLayout::nhwc;
    // A functional model's InputLayer, which its summary lists first (a
    // Sequential's summary does not); empty for a Sequential.
    std::string input_layer;
    // Where Keras 3's saving code files each layer's weights, by class and
    // position in its model's list (layers/dense_1, and a nested model's
    // layers under its own path: layers/sequential/layers/dense).
    std::vector<std::string> saving_paths;
    // Per layer, for one whose class the file's program registered and
    // ReadOptions::custom_layers mapped: "MultiplyBeta, read as
    // Rescaling(scale=0.2)", which messages about its weights add. Empty for
    // the others, and no entries when no layer was mapped.
    std::vector<std::string> layer_notes;
    // Read with ReadOptions::probe_unknown_extents, the extents the file
    // leaves unknown (spec then holds the model at a probe size); empty
    // otherwise.
    UnknownExtents unknown_extents;
};

}  // namespace ganforge
