#include "read_flags.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include "runtime/import_limits.hpp"

namespace ganforge::cli {
namespace {

std::string_view trimmed(std::string_view s) {
    auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

Shape input_shape(const std::string& text, const std::string& model) {
    std::vector<std::size_t> extents;
    bool ok = true;
    for (std::size_t start = 0; ok && start <= text.size();) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string_view part = trimmed(std::string_view(text).substr(start, comma - start));
        std::size_t e = 0;
        const auto r = std::from_chars(part.data(), part.data() + part.size(), e);
        ok = !part.empty() && r.ec == std::errc() && r.ptr == part.data() + part.size() && e >= 1 &&
             e <= std::size_t(import_limits::max_extent);
        extents.push_back(e);
        start = comma + 1;
    }
    if (!ok || extents.size() > Shape::max_rank)
        throw Error(fmt::format("{}: --input-shape '{}': expected 1 to 3 integers in [1, {}] separated by commas, "
                                "channels last, such as 256,256,3", model, text, import_limits::max_extent));
    if (extents.size() == 1) return Shape{extents[0]};
    if (extents.size() == 2) return Shape{extents[0], extents[1]};
    return Shape{extents[0], extents[1], extents[2]};
}

}  // namespace

void add_read_flags(CLI::App& cmd, ReadFlags& flags) {
    cmd.add_option("--layer", flags.layers,
                   "CLASS=SPEC: read the file's custom class CLASS as the ganforge layer SPEC, written in Keras' "
                   "call syntax, such as --layer 'MultiplyBeta=Rescaling(scale=0.2)' (repeatable)")
        ->allow_extra_args(false);
    cmd.add_option("--input-shape", flags.input_shapes,
                   "H,W,C: the shape of a model input whose extents the file leaves unknown (None), channels last "
                   "(repeatable: one per input, in the model's input order)")
        ->allow_extra_args(false);
}

ReadOptions read_options(const ReadFlags& flags, const std::string& model) {
    ReadOptions options;
    for (const std::string& mapping : flags.layers) {
        const std::size_t eq = mapping.find('=');
        const std::string file_class(trimmed(std::string_view(mapping).substr(0, eq)));
        if (eq == std::string::npos || file_class.empty())
            throw Error(fmt::format("{}: --layer '{}': expected CLASS=SPEC, such as --layer "
                                    "'MultiplyBeta=Rescaling(scale=0.2)'", model, mapping));
        if (!options.custom_layers.emplace(file_class, mapping.substr(eq + 1)).second)
            throw Error(fmt::format("{}: --layer: class '{}' is mapped twice", model, file_class));
    }
    for (const std::string& shape : flags.input_shapes) options.input_shapes.push_back(input_shape(shape, model));
    return options;
}

}  // namespace ganforge::cli
