#include "runtime/dsl_literals.hpp"

#include <cmath>

#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

namespace ganforge {

std::string float_literal(float v) {
    if (std::isnan(v)) return "__builtin_nanf(\"\")";
    if (std::isinf(v)) return v > 0 ? "__builtin_inff()" : "-__builtin_inff()";
    std::string s = fmt::format("{}", v);  // the shortest form that reads back exactly
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s + "f";
}

std::string size2_literal(Size2 s) { return fmt::format("{{{}, {}}}", s.rows, s.cols); }

std::string output_padding_literal(const OutputPadding& p) {
    return p.given ? "ganforge::OutputPadding" + size2_literal(p.extents) : "ganforge::OutputPadding{}";
}

std::string margins_literal(const Margins& m) {
    return fmt::format("{{{{{}, {}}}, {{{}, {}}}}}", m.top, m.bottom, m.left, m.right);
}

std::string shape_literal(const Shape& s) { return fmt::format("{{{}}}", shape_extents(s, ", ")); }

std::string activation_literal(Activation a) { return fmt::format("ganforge::Activation::{}", enumerator_name(a)); }

}  // namespace ganforge
