#include <ganforge/readers/model_header.hpp>

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include "runtime/dsl_literals.hpp"
#include "runtime/layer_runtime.hpp"

namespace ganforge {
namespace {

constexpr std::size_t line_limit = 100;

// Text from a file that goes into a // comment: printable, no backslash (a
// trailing one would splice the next line into the comment), bounded.
std::string comment_safe(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 120)) {
        const bool plain = std::isprint(static_cast<unsigned char>(c)) && c != '\\';
        out += plain ? c : '?';
    }
    return out;
}

// The DSL's type of a layer kind, as ganforge.hpp declares it.
std::string_view dsl_type(LayerKind k) {
    switch (k) {
#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem) \
    case LayerKind::kind: return #type;
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND
    }
    return "?";
}

// The designated initialisers that differ from the DSL's (Keras') defaults,
// in declaration order (each layer's runtime file writes its own).
DslFields fields(const LayerSpec& l) {
    DslFields f;
    with_layer_type(l.kind, [&]<typename T>() { LayerRuntime<T>::dsl_fields(l, f); });
    return f;
}

// "    ganforge::Conv2D{a, b,\n                     c},  // name": fields
// wrapped under the brace when the line would pass line_limit; `head` opens
// the layer's braces, `tail` closes them.
std::string layer_line(const LayerSpec& l, const std::string& head, const std::string& tail) {
    std::string text = head, line = head;
    const auto f = fields(l);
    for (std::size_t i = 0; i < f.size(); ++i) {
        const std::string piece = f[i] + (i + 1 < f.size() ? "," : "");
        const std::size_t reserve = i + 1 < f.size() ? 0 : tail.size();
        if (line.size() > head.size() && line.size() + 1 + piece.size() + reserve > line_limit) {
            text += '\n';
            text.append(head.size(), ' ');
            line.assign(head.size(), ' ');
        } else if (line.size() > head.size()) {
            text += " ";
            line += " ";
        }
        text += piece;
        line += piece;
    }
    return text + tail + "\n";
}

// A name from a file as a C++ string literal the DSL's Name takes: printable
// ASCII without quotes or backslashes, at most 63 characters.
std::string name_literal(const std::string& name, const std::string& origin) {
    const bool plain = std::all_of(name.begin(), name.end(), [](char c) {
        return std::isprint(static_cast<unsigned char>(c)) && c != '"' && c != '\\';
    });
    if (!plain || name.empty() || name.size() > 63)
        throw Error(fmt::format("{}: the name '{}' cannot be written in the C++ declaration (1 to 63 printable "
                                "characters without quotes or backslashes)", origin, comment_safe(name)));
    return fmt::format("\"{}\"", name);
}

bool is_keyword(std::string_view s) {
    static constexpr std::array<std::string_view, 97> keywords{
        "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case",
        "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const",
        "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await", "co_return",
        "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
        "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int",
        "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
        "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "requires", "return",
        "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch",
        "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
        "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
        "final", "override", "import", "module"};
    return std::find(keywords.begin(), keywords.end(), s) != keywords.end();
}

bool is_namespace_name(std::string_view s) {
    for (std::size_t start = 0;;) {
        const auto sep = s.find("::", start);
        if (!is_cpp_identifier(s.substr(start, sep == std::string_view::npos ? s.npos : sep - start))) return false;
        if (sep == std::string_view::npos) return true;
        start = sep + 2;
    }
}

}  // namespace

bool is_cpp_identifier(std::string_view s) {
    if (s.empty() || s.size() > 200 || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    const bool chars = std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    return chars && !is_keyword(s);
}

std::string default_type_name(std::string_view keras_model_name) {
    std::string name;
    bool upper = true;
    for (char c : keras_model_name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            upper = true;
            continue;
        }
        name += upper ? char(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return is_cpp_identifier(name) ? name : "ImportedModel";
}

std::string model_header(const ModelSpec& model, const HeaderOptions& o) {
    if (!is_cpp_identifier(o.name))
        throw Error(fmt::format("--name '{}' is not a C++ identifier", comment_safe(o.name)));
    if (!is_namespace_name(o.name_space))
        throw Error(fmt::format("--namespace '{}' is not a C++ namespace name", comment_safe(o.name_space)));
    const auto names = keras_layer_names(model);
    const ParamCount p = param_count(model);
    const bool chain = model.is_chain();
    std::string about;
    const bool onnx = o.layout == TensorLayout::nchw;
    if (!o.model_name.empty())
        about += fmt::format("{} '{}'", onnx ? "ONNX graph" : "Keras model", comment_safe(o.model_name));
    if (!o.keras_version.empty())
        about += fmt::format("{}keras_version {}", about.empty() ? "" : ", ", comment_safe(o.keras_version));
    std::string h = fmt::format(
        "// Generated by `ganforge import` from {}\n"
        "// {}{} layers, {} parameters.\n"
        "// {}; options at their Keras default are omitted.\n{}"
        "#pragma once\n\n#include <ganforge/ganforge.hpp>\n\nnamespace {} {{\n\n",
        comment_safe(o.origin), about.empty() ? "" : "(" + about + "): ", model.layers.size(), p.total(),
        chain ? "The file's layer names are in the comments" : "Layers keep the file's names",
        onnx ? "// The file's images are NCHW; this declaration's are channels last (NHWC), as Keras'.\n" : "",
        o.name_space);
    if (chain) {
        h += fmt::format("using {} = ganforge::Sequential<\n    ganforge::Input{{{}}}{}\n", o.name,
                         shape_literal(model.input_shape()), model.layers.empty() ? ">;" : ",");
        for (std::size_t i = 0; i < model.layers.size(); ++i) {
            const LayerSpec& l = model.layers[i];
            h += layer_line(l, fmt::format("    ganforge::{}{{", dsl_type(l.kind)),
                            fmt::format("}}{}  // {}", i + 1 == model.layers.size() ? ">;" : ",",
                                        comment_safe(names[i])));
        }
    } else {
        const auto inputs = keras_input_names(model);
        auto tensor_name = [&](TensorRef r) {
            return name_literal(r.model_input ? inputs[r.index] : names[r.index], o.origin);
        };
        h += fmt::format("using {} = ganforge::Functional<\n", o.name);
        for (std::size_t k = 0; k < inputs.size(); ++k)
            h += fmt::format("    ganforge::Input{{{}, {}}},\n", shape_literal(model.input_shapes[k]),
                             name_literal(inputs[k], o.origin));
        for (std::size_t i = 0; i < model.layers.size(); ++i) {
            const LayerSpec& l = model.layers[i];
            std::string from;
            for (std::size_t j = 0; j < l.inbound_count; ++j)
                from += fmt::format("{}{}", j ? ", " : "", tensor_name(l.inbound[j]));
            if (l.inbound_count > 1) from = "{" + from + "}";
            h += layer_line(l, fmt::format("    ganforge::Node{{{}, ganforge::{}{{", name_literal(names[i], o.origin),
                                           dsl_type(l.kind)),
                            fmt::format("}}, {}}}{}", from, i + 1 == model.layers.size() ? ">;" : ","));
        }
    }
    const Shape out = model.output_shape();
    h += fmt::format("\nstatic_assert({}::param_count == {});\n", o.name, p.total());
    h += fmt::format("static_assert({}::output_shape == ganforge::Shape{});\n", o.name, shape_literal(out));
    h += fmt::format("\n}}  // namespace {}\n", o.name_space);
    return h;
}

}  // namespace ganforge
