// ModelSpec -> a C++ header declaring the same model with the DSL, as
// `ganforge import` prints it: a chain as a Sequential, one DSL layer per
// Keras layer (its name in a comment); a graph as a Functional, its inputs in
// the model's input order and one Node per layer in the file's order, named
// as in the file. Options left at their Keras default are omitted, and
// static_asserts check that the compiled type keeps the model's parameter
// count and output shape.
#pragma once

#include <string>
#include <string_view>

#include <ganforge/core/model_spec.hpp>
#include <ganforge/runtime/tensor_layout.hpp>

namespace ganforge {

struct HeaderOptions {
    std::string name;                   // the type alias, a C++ identifier
    std::string name_space = "imported";  // a namespace, "a" or "a::b"
    std::string origin;                 // the file it came from, for the banner
    std::string model_name;             // the Keras model's own name (an ONNX graph's)
    std::string keras_version;
    TensorLayout layout = TensorLayout::nhwc;  // the file's convention: NCHW for ONNX
};

// Throws ganforge::Error if name or name_space is not a C++ identifier.
std::string model_header(const ModelSpec& model, const HeaderOptions& options);

// "generator" -> "Generator", "sequential_1" -> "Sequential1"; "ImportedModel"
// when the Keras name gives no identifier.
std::string default_type_name(std::string_view keras_model_name);

bool is_cpp_identifier(std::string_view s);

}  // namespace ganforge
