#include "codegen/code_writer.hpp"

namespace ganforge::codegen {

void CodeWriter::line(std::string_view text) {
    if (!text.empty()) text_.append(std::size_t(depth_) * 4, ' ');
    text_ += text;
    text_ += '\n';
}

void CodeWriter::open(std::string_view head) {
    line(head.empty() ? std::string("{") : fmt::format("{} {{", head));
    ++depth_;
}

void CodeWriter::close(std::string_view tail) {
    --depth_;
    line(tail);
}

void CodeWriter::open_namespace(std::string_view name) {
    line(name.empty() ? std::string("namespace {") : fmt::format("namespace {} {{", name));
}

void CodeWriter::close_namespace(std::string_view name) {
    line(name.empty() ? std::string("}  // namespace") : fmt::format("}}  // namespace {}", name));
}

void CodeWriter::label(std::string_view text) {
    --depth_;
    line(text);
    ++depth_;
}

}  // namespace ganforge::codegen
