// From a layer kind to the type that declares it (core/layers/), and what
// every consumer asks of a layer through it: whether it takes several
// inputs, its weights, its multiply-adds and its parameter counts. The switch over kinds is
// written once, from the registry (layer_kinds.inc), and names every type: a
// registered kind without its type, or a type that says another kind, does
// not compile.
#pragma once

#include <cstddef>
#include <span>
#include <type_traits>

#include <ganforge/core/layer_spec.hpp>
#include <ganforge/core/layers/activation_layer.hpp>
#include <ganforge/core/layers/add.hpp>
#include <ganforge/core/layers/batch_normalization.hpp>
#include <ganforge/core/layers/concatenate.hpp>
#include <ganforge/core/layers/conv2d.hpp>
#include <ganforge/core/layers/conv2d_transpose.hpp>
#include <ganforge/core/layers/cropping2d.hpp>
#include <ganforge/core/layers/dense.hpp>
#include <ganforge/core/layers/dropout.hpp>
#include <ganforge/core/layers/embedding.hpp>
#include <ganforge/core/layers/flatten.hpp>
#include <ganforge/core/layers/leaky_relu.hpp>
#include <ganforge/core/layers/multiply.hpp>
#include <ganforge/core/layers/relu.hpp>
#include <ganforge/core/layers/reshape.hpp>
#include <ganforge/core/layers/up_sampling2d.hpp>
#include <ganforge/core/layers/zero_padding2d.hpp>

namespace ganforge {

#define GANFORGE_LAYER_KIND(kind_, type, keras_class, stem) \
    static_assert(type::kind == LayerKind::kind_, #type " must declare kind LayerKind::" #kind_);
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND

// Calls `f.template operator()<T>()` with T the type of layer kind `k`.
template <typename F>
constexpr decltype(auto) with_layer_type(LayerKind k, F&& f) {
    switch (k) {
#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem) \
    case LayerKind::kind: return f.template operator()<type>();
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND
    }
    __builtin_unreachable();  // every enumerator has its case above
}

// Keras' merge layers, which take a list of tensors (their types say
// several_inputs); every other layer takes one.
constexpr bool takes_several_inputs(LayerKind k) {
    return with_layer_type(k, []<typename T>() {
        if constexpr (requires { T::several_inputs; }) return T::several_inputs;
        else return false;
    });
}

// The layer's weights in Keras' get_weights() order; a type without a
// weights function has none. Needs the layer's input_shape.
constexpr LayerTensors layer_tensors(const LayerSpec& l) {
    LayerTensors t;
    with_layer_type(l.kind, [&]<typename T>() {
        if constexpr (requires { T::weights(l, t); }) T::weights(l, t);
    });
    return t;
}

// Multiply-adds per image as the layer's type counts them; a type without a
// macs function does none (copies, pointwise and merge layers).
constexpr std::size_t layer_macs(const LayerSpec& l) {
    return with_layer_type(l.kind, [&]<typename T>() -> std::size_t {
        if constexpr (requires { T::macs(l); }) return T::macs(l);
        else return 0;
    });
}

struct ParamCount {
    std::size_t trainable = 0;
    std::size_t non_trainable = 0;
    constexpr std::size_t total() const { return trainable + non_trainable; }
};

constexpr ParamCount layer_params(const LayerSpec& l) {
    ParamCount p;
    for (const TensorSpec& t : layer_tensors(l))
        (t.trainable ? p.trainable : p.non_trainable) += t.size();
    return p;
}

constexpr ParamCount count_params(std::span<const LayerSpec> layers) {
    ParamCount p;
    for (const LayerSpec& l : layers) {
        const ParamCount q = layer_params(l);
        p.trainable += q.trainable;
        p.non_trainable += q.non_trainable;
    }
    return p;
}

}  // namespace ganforge
