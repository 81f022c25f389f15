// Values written as C++, for `ganforge import`'s header and the generated code.
#pragma once

#include <string>

#include <ganforge/core/layer_options.hpp>
#include <ganforge/core/shape.hpp>

namespace ganforge {

// A float literal that reads back as exactly the same float: "0.2f", "1e-05f".
std::string float_literal(float v);
// "{3, 3}"
std::string size2_literal(Size2 s);
// "ganforge::OutputPadding{1, 0}", "ganforge::OutputPadding{}" (None)
std::string output_padding_literal(const OutputPadding& p);
// "{{top, bottom}, {left, right}}"
std::string margins_literal(const Margins& m);
// "{7, 7, 128}"
std::string shape_literal(const Shape& s);
// "ganforge::Activation::relu"
std::string activation_literal(Activation a);

}  // namespace ganforge
