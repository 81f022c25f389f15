// What a model file leaves for its reader to be told: the classes the
// program that trained it registered itself, and the extents its inputs
// leave unknown. The command line's `--layer CLASS=SPEC` and
// `--input-shape H,W,C` fill the same options.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <ganforge/core/shape.hpp>

namespace ganforge {

struct ReadOptions {
    // A custom class the file names, read as the ganforge layer SPEC says,
    // in Keras' call syntax: {"MultiplyBeta", "Rescaling(scale=0.2)"},
    // {"PixelShuffle4x", "DepthToSpace(block_size=4)"}. The file's own
    // config of that layer gives its name and inbound tensors; SPEC gives
    // everything else.
    std::map<std::string, std::string> custom_layers;
    // One shape per model input, in input order, channels last (an image
    // {H, W, C}, whatever layout the file keeps): the extents the file
    // leaves unknown (Keras' None, ONNX's symbolic dims). An extent the file
    // knows must be given as it is. Empty: the file must know every extent.
    std::vector<Shape> input_shapes;
    // For a summary, which needs no sizes: extents that remain unknown are
    // read at probe sizes, and KerasModel::unknown_extents marks every extent
    // that follows them (printed None). Left false, such an extent is an
    // error that says to give input_shapes: running a model needs its sizes.
    // Keras and TensorFlow.js files; an ONNX file's symbolic dims always need
    // input_shapes.
    bool probe_unknown_extents = false;
};

}  // namespace ganforge
