// ganforge::Functional<entries...>: a graph model as a type, Keras' functional
// API. Entries are the model's Inputs (in the model's input order) and its
// layers as Nodes, each naming the tensors it reads, declared before it; the
// last Node is the output:
//
//   using Generator = Functional<
//       Input{{100}, "latent"}, Input{{1}, "label"},
//       Node{"embedding", Embedding{.input_dim = 10, .output_dim = 50}, "label"},
//       Node{"label_map", Dense{.units = 49}},      // reads the Node before it
//       ...
//       Node{"joined", Concatenate{}, {"latent_map", "label_map_7x7"}},
//       Node{"image", Conv2D{.filters = 1, .kernel_size = 7, .padding = Padding::same}}>;
//
// Names are resolved and every branch's shapes inferred at compile time with
// the rules Sequential uses (shape_inference.hpp); the first fault stops
// compilation with one static_assert naming the layer.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <type_traits>

#include <ganforge/core/model_spec.hpp>
#include <ganforge/core/shape_inference.hpp>
#include <ganforge/dsl/chain_diagnostics.hpp>
#include <ganforge/dsl/input.hpp>
#include <ganforge/dsl/layer.hpp>
#include <ganforge/dsl/node.hpp>

namespace ganforge {

namespace functional_detail {

template <typename T>
struct is_node : std::false_type {};
template <typename L>
struct is_node<Node<L>> : std::bool_constant<Layer<L>> {};

template <typename T>
constexpr bool is_entry = std::is_same_v<T, Input> || is_node<T>::value;

enum class GraphFault {
    none,
    no_input,
    no_layer,
    unnamed_layer,
    name_repeated,     // fault_name: the name
    name_unknown,      // fault_name: the name read
    nothing_before,    // a Node that reads the entry before it comes first
    unused_layer,
};

template <std::size_t I, std::size_t N>
struct Graph {
    std::array<Shape, I> inputs{};
    std::array<Name, I> input_names{};
    std::array<LayerSpec, N> layers{};
    std::array<Name, N> names{};
    GraphFault fault = GraphFault::none;
    Name fault_layer{}, fault_name{};
    ChainError error{};
};

// Keras' default input name, `input_<k>`.
constexpr Name default_input_name(std::size_t k) {
    Name n;
    for (char c : std::string_view("input_")) n.text[n.size++] = c;
    char digits[20]{};
    std::size_t count = 0;
    do digits[count++] = char('0' + k % 10);
    while ((k /= 10) != 0);
    while (count > 0) n.text[n.size++] = digits[--count];
    return n;
}

template <auto... Entries>
constexpr std::size_t input_count = (std::size_t(std::is_same_v<std::remove_cv_t<decltype(Entries)>, Input>) + ... + 0);

template <auto... Entries>
constexpr auto build() {
    constexpr std::size_t I = input_count<Entries...>;
    constexpr std::size_t N = sizeof...(Entries) - I;
    Graph<I, N> g;
    // Assigned, not left to their default initialisers, so that entries a
    // fault skips are still constants GCC can read.
    g.inputs.fill(Shape{});
    g.layers.fill(LayerSpec{});
    std::size_t inputs = 0, layers = 0;
    std::optional<TensorRef> previous;
    auto fail = [&](GraphFault f, Name layer, Name name) {
        g.fault = f;
        g.fault_layer = layer;
        g.fault_name = name;
    };
    auto lookup = [&](const Name& n) -> std::optional<TensorRef> {
        for (std::size_t k = 0; k < inputs; ++k)
            if (g.input_names[k] == n) return TensorRef{true, k};
        for (std::size_t i = 0; i < layers; ++i)
            if (g.names[i] == n) return TensorRef{false, i};
        return std::nullopt;
    };
    auto visit = [&](const auto& entry) {
        using E = std::remove_cv_t<std::remove_reference_t<decltype(entry)>>;
        if (g.fault != GraphFault::none) return;
        if constexpr (std::is_same_v<E, Input>) {
            const Name n = entry.name.empty() ? default_input_name(inputs + 1) : entry.name;
            if (lookup(n)) return fail(GraphFault::name_repeated, n, n);
            g.inputs[inputs] = entry.shape;
            g.input_names[inputs] = n;
            previous = TensorRef{true, inputs++};
        } else if constexpr (is_node<E>::value) {
            if (entry.name.empty()) return fail(GraphFault::unnamed_layer, Name{}, Name{});
            if (lookup(entry.name)) return fail(GraphFault::name_repeated, entry.name, entry.name);
            LayerSpec s = entry.layer.spec();
            if (entry.from.count == 0) {
                if (!previous) return fail(GraphFault::nothing_before, entry.name, Name{});
                s.inbound[0] = *previous;
                s.inbound_count = 1;
            }
            for (std::size_t j = 0; j < entry.from.count; ++j) {
                const auto ref = lookup(entry.from.names[j]);
                if (!ref) return fail(GraphFault::name_unknown, entry.name, entry.from.names[j]);
                s.inbound[j] = *ref;
            }
            if (entry.from.count > 0) s.inbound_count = entry.from.count;
            g.layers[layers] = s;
            g.names[layers] = entry.name;
            previous = TensorRef{false, layers++};
        }
    };
    (visit(Entries), ...);
    if (g.fault == GraphFault::none && I == 0) fail(GraphFault::no_input, Name{}, Name{});
    if (g.fault == GraphFault::none && N == 0) fail(GraphFault::no_layer, Name{}, Name{});
    if (g.fault != GraphFault::none) return g;
    if constexpr (N > 0) {
        std::array<bool, N> read{};
        for (const LayerSpec& l : g.layers)
            for (std::size_t j = 0; j < l.inbound_count; ++j)
                if (!l.inbound[j].model_input) read[l.inbound[j].index] = true;
        for (std::size_t i = 0; i + 1 < N; ++i)
            if (!read[i]) {
                fail(GraphFault::unused_layer, g.names[i], Name{});
                return g;
            }
    }
    g.error = infer_shapes(std::span<const Shape>(g.inputs), std::span<LayerSpec>(g.layers));
    return g;
}

template <auto>
constexpr bool always_false = false;

template <typename T, std::size_t K>
constexpr T first_or(const std::array<T, K>& a, T fallback) {
    if constexpr (K == 0) return fallback;
    else return a[0];
}
template <typename T, std::size_t K>
constexpr T last_or(const std::array<T, K>& a, T fallback) {
    if constexpr (K == 0) return fallback;
    else return a[K - 1];
}

// One function per graph fault; the layer and the name involved are its
// template arguments, which the compiler prints beside the message. Each
// takes one, even when there is none to name, so that no compiler
// instantiates it before the fault is found.
template <Name layer, Name name>
constexpr void Functional_name_declared_twice() {
    static_assert(always_false<layer>, "Functional<...>: two Inputs or Nodes have the same name; names must be unique");
}
template <Name layer, Name reads>
constexpr void Functional_layer_reads_an_unknown_name() {
    static_assert(always_false<layer>,
                  "Functional<...>: a Node reads a name that no Input or Node declared before it");
}
template <Name layer>
constexpr void Functional_first_entry_reads_nothing() {
    static_assert(always_false<layer>,
                  "Functional<...>: a Node without inputs reads the entry declared before it, and there is none");
}
template <Name layer>
constexpr void Functional_layer_leads_nowhere() {
    static_assert(always_false<layer>, "Functional<...>: no later Node reads this Node's output; every layer must "
                                       "lead to the model's output, the last Node");
}
template <Name none>
constexpr void Functional_layer_without_a_name() {
    static_assert(always_false<none>, "Functional<...>: every Node needs a name, e.g. Node{\"dense_1\", Dense{...}}");
}
template <Name none>
constexpr void Functional_has_no_input() {
    static_assert(always_false<none>, "Functional<...>: a model needs at least one Input{...}");
}
template <Name none>
constexpr void Functional_has_no_layer() {
    static_assert(always_false<none>, "Functional<...>: a model needs at least one Node{...}");
}

template <GraphFault f, Name layer, Name name>
constexpr bool report_graph() {
    if constexpr (f == GraphFault::name_repeated) Functional_name_declared_twice<layer, name>();
    else if constexpr (f == GraphFault::name_unknown) Functional_layer_reads_an_unknown_name<layer, name>();
    else if constexpr (f == GraphFault::nothing_before) Functional_first_entry_reads_nothing<layer>();
    else if constexpr (f == GraphFault::unused_layer) Functional_layer_leads_nowhere<layer>();
    else if constexpr (f == GraphFault::unnamed_layer) Functional_layer_without_a_name<layer>();
    else if constexpr (f == GraphFault::no_input) Functional_has_no_input<layer>();
    else if constexpr (f == GraphFault::no_layer) Functional_has_no_layer<layer>();
    else static_assert(f == GraphFault::none);
    return true;
}

// A shape fault, reported in the context of the layer's name.
template <Name layer, ChainError e>
constexpr bool in_layer() {
    return chain_diagnostics::report<e>();
}

}  // namespace functional_detail

template <auto... Entries>
struct Functional {
    static_assert((functional_detail::is_entry<std::remove_cv_t<decltype(Entries)>> && ...),
                  "Functional<...>: every argument must be an Input{shape, name} or a "
                  "Node{name, layer value, inputs}, e.g. Node{\"d\", Dense{.units = 8}, \"latent\"}");

private:
    static constexpr bool well_formed = (functional_detail::is_entry<std::remove_cv_t<decltype(Entries)>> && ...);
    static constexpr std::size_t I = functional_detail::input_count<Entries...>;
    static constexpr std::size_t N = sizeof...(Entries) - I;
    static constexpr auto graph = functional_detail::build<Entries...>();
    static constexpr bool graph_ok = !well_formed || graph.fault == functional_detail::GraphFault::none;
    static_assert(functional_detail::report_graph<well_formed ? graph.fault : functional_detail::GraphFault::none,
                                                  graph.fault_layer, graph.fault_name>());
    static constexpr ChainError shape_error = well_formed && graph_ok ? graph.error : ChainError{};
    static constexpr Name faulty_layer =
        shape_error.layer >= 1 && shape_error.layer <= N ? graph.names[shape_error.layer - 1] : Name{"Input"};
    static_assert((functional_detail::in_layer<faulty_layer, shape_error>(), true));

    static constexpr ParamCount counts = count_params(graph.layers);

public:
    static constexpr std::size_t input_count = I;
    static constexpr std::array<Shape, I> input_shapes = graph.inputs;
    static constexpr Shape input_shape = functional_detail::first_or(graph.inputs, Shape{1});
    static constexpr std::array<LayerSpec, N> layers = graph.layers;
    static constexpr Shape output_shape = functional_detail::last_or(graph.layers, LayerSpec{}).output_shape;
    static constexpr std::size_t layer_count = N;
    static constexpr std::size_t trainable_param_count = counts.trainable;
    static constexpr std::size_t non_trainable_param_count = counts.non_trainable;
    static constexpr std::size_t param_count = counts.total();

    // The output's shape for input images of these sizes, one per image input
    // in input order (core/image_size.hpp); a size the model cannot take
    // throws ganforge::Error naming the layer.
    static constexpr Shape output_extent(std::span<const ImageExtent> extents) {
        return image_size::resized_output(input_shapes, layers, extents);
    }
    // A model with one image input: that image's height and width.
    static constexpr Shape output_extent(std::size_t height, std::size_t width) {
        const ImageExtent extent{height, width};
        return output_extent(std::span<const ImageExtent>(&extent, 1));
    }

    // The runtime description, with the declared names.
    static ModelSpec spec() {
        ModelSpec m{{input_shapes.begin(), input_shapes.end()}, {layers.begin(), layers.end()}, {}, {}};
        for (const Name& n : graph.names) m.names.emplace_back(n.view());
        for (const Name& n : graph.input_names) m.input_names.emplace_back(n.view());
        return m;
    }
};

template <typename T>
struct is_functional : std::false_type {};
template <auto... Entries>
struct is_functional<Functional<Entries...>> : std::true_type {};

}  // namespace ganforge
