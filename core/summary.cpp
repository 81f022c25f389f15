#include <ganforge/core/summary.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <map>

#include <fmt/format.h>

#include <ganforge/core/shape.hpp>

namespace ganforge {
namespace {

// Keras 2.2's layouts: a chain in 65 columns, a graph in 98 with the
// `Connected to` column.
constexpr std::size_t chain_line_length = 65;
constexpr std::array<std::size_t, 3> chain_column_ends{29, 55, 65};
constexpr std::size_t graph_line_length = 98;
constexpr std::array<std::size_t, 4> graph_column_ends{32, 53, 65, 98};

// Keras 2.2's print_row, step for step.
template <std::size_t N>
std::string row(const std::array<std::string, N>& fields, const std::array<std::size_t, N>& ends) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line.back() = ' ';
        line += fields[i];
        line.resize(ends[i], ' ');
    }
    return line + '\n';
}

std::string row(const std::array<std::string, 3>& fields) { return row(fields, chain_column_ends); }

// Keras' shape tuple, the batch axis first.
std::string python_tuple(const Shape& s, const ExtentFlags& unknown) {
    std::string text = "(None";
    for (std::size_t i = 0; i < s.rank(); ++i) text += unknown[i] ? ", None" : fmt::format(", {}", s[i]);
    return text + ")";
}

// The flags of entry `i` of `flags`, none when the model's extents are all known.
ExtentFlags flags_of(const std::vector<ExtentFlags>& flags, std::size_t i) {
    return i < flags.size() ? flags[i] : ExtentFlags{};
}

std::string thousands(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string totals(const ModelSpec& model, const std::string& rule) {
    const ParamCount p = param_count(model);
    return fmt::format("Total params: {}\nTrainable params: {}\nNon-trainable params: {}\n",
                       thousands(p.total()), thousands(p.trainable), thousands(p.non_trainable)) +
           rule + '\n';
}

// Keras 2.2 lists a graph's layers, inputs included, by decreasing depth from
// the output (a layer's depth: the longest path from it to the output), ties
// in the order a depth-first walk from the output, inputs in call order,
// first reaches them. Entries: a model input is -1 - k, a layer its index.
std::vector<long> keras_listing_order(const ModelSpec& model) {
    const long n_in = long(model.input_shapes.size());
    auto key = [&](TensorRef r) { return r.model_input ? -1 - long(r.index) : long(r.index); };
    std::map<long, std::size_t> discovered;
    std::function<void(long)> walk = [&](long node) {
        if (discovered.count(node)) return;
        discovered.emplace(node, discovered.size());
        if (node < 0) return;
        const LayerSpec& l = model.layers[std::size_t(node)];
        for (std::size_t j = 0; j < l.inbound_count; ++j) walk(key(l.inbound[j]));
    };
    walk(long(model.layers.size()) - 1);
    // Layers come after what they read, so one backward pass settles depths.
    std::map<long, std::size_t> depth;
    for (long i = long(model.layers.size()) - 1; i >= 0; --i) {
        if (!discovered.count(i)) continue;
        const LayerSpec& l = model.layers[std::size_t(i)];
        for (std::size_t j = 0; j < l.inbound_count; ++j) {
            std::size_t& d = depth[key(l.inbound[j])];
            d = std::max(d, depth[i] + 1);
        }
    }
    std::vector<long> order;
    for (long k = 0; k < n_in; ++k) order.push_back(-1 - k);
    for (long i = 0; i < long(model.layers.size()); ++i) order.push_back(i);
    std::erase_if(order, [&](long node) { return !discovered.count(node); });
    std::stable_sort(order.begin(), order.end(), [&](long a, long b) {
        if (depth[a] != depth[b]) return depth[a] > depth[b];
        return discovered[a] < discovered[b];
    });
    return order;
}

std::string graph_summary(const ModelSpec& model, const UnknownExtents& unknown) {
    const std::string rule(graph_line_length, '_'), double_rule(graph_line_length, '=');
    const auto names = keras_layer_names(model);
    const auto inputs = keras_input_names(model);
    auto name_of = [&](TensorRef r) { return r.model_input ? inputs[r.index] : names[r.index]; };
    const auto& ends = graph_column_ends;
    std::string s = rule + '\n' +
                    row<4>({"Layer (type)", "Output Shape", "Param #", "Connected to"}, ends) +
                    double_rule + '\n';
    const std::vector<long> order = keras_listing_order(model);
    for (std::size_t at = 0; at < order.size(); ++at) {
        const long node = order[at];
        if (node < 0) {
            const std::size_t k = std::size_t(-1 - node);
            s += row<4>({fmt::format("{} (InputLayer)", inputs[k]),
                         python_tuple(model.input_shapes[k], flags_of(unknown.inputs, k)), "0", ""},
                        ends);
        } else {
            const LayerSpec& l = model.layers[std::size_t(node)];
            for (std::size_t j = 0; j < l.inbound_count; ++j) {
                const std::string connection = fmt::format("{}[0][0]", name_of(l.inbound[j]));
                s += j == 0 ? row<4>({fmt::format("{} ({})", names[std::size_t(node)],
                                                  keras_class_name(l.kind)),
                                      python_tuple(l.output_shape, flags_of(unknown.layers, std::size_t(node))),
                                      std::to_string(layer_params(l).total()), connection},
                                     ends)
                            : row<4>({"", "", "", connection}, ends);
            }
        }
        s += (at + 1 == order.size() ? double_rule : rule) + '\n';
    }
    return s + totals(model, rule);
}

}  // namespace

std::string summary(const ModelSpec& model, std::string_view input_layer, const UnknownExtents& unknown) {
    if (!model.is_chain()) return graph_summary(model, unknown);
    const std::string rule(chain_line_length, '_'), double_rule(chain_line_length, '=');
    const auto names = keras_layer_names(model);
    std::string s = rule + '\n' + row({"Layer (type)", "Output Shape", "Param #"}) + double_rule + '\n';
    if (!input_layer.empty()) {
        s += row({fmt::format("{} (InputLayer)", input_layer), python_tuple(model.input_shape(), flags_of(unknown.inputs, 0)),
                  "0"});
        s += (model.layers.empty() ? double_rule : rule) + '\n';
    }
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSpec& l = model.layers[i];
        s += row({fmt::format("{} ({})", names[i], keras_class_name(l.kind)),
                  python_tuple(l.output_shape, flags_of(unknown.layers, i)), std::to_string(layer_params(l).total())});
        s += (i + 1 == model.layers.size() ? double_rule : rule) + '\n';
    }
    if (model.layers.empty() && input_layer.empty()) s += double_rule + '\n';
    return s + totals(model, rule);
}

}  // namespace ganforge
