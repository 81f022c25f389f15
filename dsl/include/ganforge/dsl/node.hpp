// One layer of a Functional model: its name, its layer value and the names
// of the tensors it reads (inputs or earlier layers), as Keras' functional
// call `Dense(8, name="d")(x)`:
//   Node{"d", Dense{.units = 8}, "x"}
//   Node{"joined", Concatenate{}, {"latent_map", "label_map"}}
//   Node{"act", LeakyReLU{}}          // reads the node declared just before
#pragma once

#include <array>
#include <cstddef>

#include <ganforge/core/layer_spec.hpp>
#include <ganforge/dsl/name.hpp>

namespace ganforge {

// The names a layer reads, in call order: one name or a braced list.
struct Inbound {
    std::array<Name, max_layer_inputs> names{};
    std::size_t count = 0;

    constexpr Inbound() = default;
    template <std::size_t... N>
        requires(sizeof...(N) >= 1 && sizeof...(N) <= max_layer_inputs)
    consteval Inbound(const char (&... from)[N]) : names{Name(from)...}, count(sizeof...(N)) {}
};

template <typename L>
struct Node {
    Name name;
    L layer;
    Inbound from{};
};

// Spelled out for compilers without C++20's deduction for aggregates.
template <typename L>
Node(Name, L) -> Node<L>;
template <typename L>
Node(Name, L, Inbound) -> Node<L>;

}  // namespace ganforge
