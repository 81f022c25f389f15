// Emitted C++ text, line by line: indentation and braces live here, so every
// emitter's output is well-formed and laid out the same way.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace ganforge::codegen {

class CodeWriter {
public:
    // One line at the current indentation (an empty one stays empty).
    void line(std::string_view text);
    template <typename... Args>
    void line(fmt::format_string<Args...> f, Args&&... args) {
        line(std::string_view(fmt::format(f, std::forward<Args>(args)...)));
    }
    void blank() { text_ += '\n'; }
    // `head {`, then indents until close().
    void open(std::string_view head);
    void close(std::string_view tail = "}");
    // `namespace name {` and its closing line, without indenting the body.
    void open_namespace(std::string_view name);
    void close_namespace(std::string_view name);
    // An access specifier, at the indentation of its class.
    void label(std::string_view text);
    // Unindented text, verbatim (preambles).
    void raw(std::string_view text) { text_ += text; }

    const std::string& str() const { return text_; }

private:
    std::string text_;
    int depth_ = 0;
};

}  // namespace ganforge::codegen
