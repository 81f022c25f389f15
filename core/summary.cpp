#include <ganforge/core/summary.hpp>

#include <array>

#include <fmt/format.h>

namespace ganforge {
namespace {

constexpr std::size_t line_length = 65;
constexpr std::array<std::size_t, 3> column_ends{29, 55, 65};

// Keras 2.2's print_row, step for step.
std::string row(const std::array<std::string, 3>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line.back() = ' ';
        line += fields[i];
        line.resize(column_ends[i], ' ');
    }
    return line + '\n';
}

std::string python_tuple(const Shape& s) {
    std::string t = "(None";
    for (std::size_t i = 0; i < s.rank(); ++i) t += fmt::format(", {}", s[i]);
    return t + ")";
}

std::string thousands(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

std::string summary(const ModelSpec& model, std::string_view input_layer) {
    const std::string rule(line_length, '_'), double_rule(line_length, '=');
    const auto names = keras_layer_names(model);
    std::string s = rule + '\n' + row({"Layer (type)", "Output Shape", "Param #"}) + double_rule + '\n';
    if (!input_layer.empty()) {
        s += row({fmt::format("{} (InputLayer)", input_layer), python_tuple(model.input_shape), "0"});
        s += (model.layers.empty() ? double_rule : rule) + '\n';
    }
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSpec& l = model.layers[i];
        s += row({fmt::format("{} ({})", names[i], keras_class_name(l.kind)),
                  python_tuple(l.output_shape), std::to_string(layer_params(l).total())});
        s += (i + 1 == model.layers.size() ? double_rule : rule) + '\n';
    }
    if (model.layers.empty() && input_layer.empty()) s += double_rule + '\n';
    const ParamCount p = param_count(model);
    s += fmt::format("Total params: {}\nTrainable params: {}\nNon-trainable params: {}\n",
                     thousands(p.total()), thousands(p.trainable), thousands(p.non_trainable));
    return s + rule + '\n';
}

}  // namespace ganforge
