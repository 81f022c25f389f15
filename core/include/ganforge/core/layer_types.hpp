// From a layer kind to the type that declares it (core/layers/), and what
// every consumer asks of a layer through it: the facts each type states (how
// many inputs it takes, whether it is affine, keeps its input's value range,
// ...), its weights, its multiply-adds and its parameter counts. The switch
// over kinds is written once, from the registry (layer_kinds.inc), and names
// every type: a registered kind without its type, a type that says another
// kind or one that leaves a fact unstated does not compile.
#pragma once

#include <concepts>
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
#include <ganforge/core/layers/depth_to_space.hpp>
#include <ganforge/core/layers/dropout.hpp>
#include <ganforge/core/layers/embedding.hpp>
#include <ganforge/core/layers/flatten.hpp>
#include <ganforge/core/layers/group_normalization.hpp>
#include <ganforge/core/layers/leaky_relu.hpp>
#include <ganforge/core/layers/multiply.hpp>
#include <ganforge/core/layers/prelu.hpp>
#include <ganforge/core/layers/reflection_padding2d.hpp>
#include <ganforge/core/layers/relu.hpp>
#include <ganforge/core/layers/replication_padding2d.hpp>
#include <ganforge/core/layers/rescaling.hpp>
#include <ganforge/core/layers/reshape.hpp>
#include <ganforge/core/layers/space_to_depth.hpp>
#include <ganforge/core/layers/up_sampling2d.hpp>
#include <ganforge/core/layers/zero_padding2d.hpp>

namespace ganforge {

// The facts every layer type states, each a `static constexpr bool`; only
// `affine` may instead be a constexpr function of the LayerSpec, where the
// layer's fields decide it (Dense is affine when its activation is linear).
// Consumers read them below rather than list kinds, so a new layer is
// handled wherever its facts say, and a type that leaves one unstated fails
// here: the note under the message names the type.
template <typename Fact>
concept AffineFact = std::same_as<Fact, const bool> || std::is_invocable_r_v<bool, Fact, const LayerSpec&>;

template <typename T>
constexpr bool states_several_inputs = requires { { T::several_inputs } -> std::same_as<const bool&>; };
template <typename T>
constexpr bool states_reads_image = requires { { T::reads_image } -> std::same_as<const bool&>; };
template <typename T>
constexpr bool states_affine = requires { requires AffineFact<decltype(T::affine)>; };
template <typename T>
constexpr bool states_keeps_value_range = requires { { T::keeps_value_range } -> std::same_as<const bool&>; };
template <typename T>
constexpr bool states_pointwise = requires { { T::pointwise } -> std::same_as<const bool&>; };
template <typename T>
constexpr bool states_applies_activation = requires { { T::applies_activation } -> std::same_as<const bool&>; };
template <typename T>
constexpr bool states_linear_layer = requires { { T::linear_layer } -> std::same_as<const bool&>; };

template <typename T>
constexpr bool states_layer_facts() {
    static_assert(states_several_inputs<T>,
                  "a layer type states `static constexpr bool several_inputs`: whether it reads a list of tensors "
                  "(Keras' merge layers)");
    static_assert(states_reads_image<T>,
                  "a layer type states `static constexpr bool reads_image`: whether its input must be an image "
                  "(height, width, channels)");
    static_assert(states_affine<T>,
                  "a layer type states `affine`, a bool or a constexpr function of its LayerSpec: whether its "
                  "output is an affine map of its one input that the code generator may fold into one matrix with "
                  "its neighbours");
    static_assert(states_keeps_value_range<T>,
                  "a layer type states `static constexpr bool keeps_value_range`: whether each output value is one "
                  "of its one input's values, a mix of neighbouring ones (interpolation) or a zero, so that a "
                  "range such as tanh's [-1, 1] carries through it");
    static_assert(states_pointwise<T>,
                  "a layer type states `static constexpr bool pointwise`: whether each output value depends only on "
                  "the input value at its place (and its channel), so that it commutes with repeating pixels");
    static_assert(states_applies_activation<T>,
                  "a layer type states `static constexpr bool applies_activation`: whether its `activation` field "
                  "is the last thing applied to its output");
    static_assert(states_linear_layer<T>,
                  "a layer type states `static constexpr bool linear_layer`: whether it is one of Keras' linear "
                  "layers, a product with its kernel plus its bias, before its activation");
    return true;
}

#define GANFORGE_LAYER_KIND(kind_, type, keras_class, stem) \
    static_assert(type::kind == LayerKind::kind_, #type " must declare kind LayerKind::" #kind_); \
    static_assert(states_layer_facts<type>());
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

// Keras' merge layers, which take a list of tensors; every other layer takes
// one.
constexpr bool takes_several_inputs(LayerKind k) {
    return with_layer_type(k, []<typename T>() { return T::several_inputs; });
}

// An affine map of its input, which the code generator may fold into one
// matrix with its neighbours (codegen/affine_collapse.cpp).
constexpr bool is_affine(const LayerSpec& l) {
    return with_layer_type(l.kind, [&]<typename T>() -> bool {
        if constexpr (std::is_invocable_v<decltype(T::affine), const LayerSpec&>) return T::affine(l);
        else return T::affine;
    });
}

// Its output values lie within its input's range, zero included (reshapes,
// copies, interpolation, padding), so a model's output range can be traced
// back through it.
constexpr bool keeps_value_range(const LayerSpec& l) {
    return with_layer_type(l.kind, []<typename T>() { return T::keeps_value_range; });
}

// Each output value depends on the input value at its place alone (and its
// channel): activations, BatchNormalization, Dropout.
constexpr bool is_pointwise(const LayerSpec& l) {
    return with_layer_type(l.kind, []<typename T>() { return T::pointwise; });
}

// Its `activation` field is applied to its output, last.
constexpr bool applies_activation(const LayerSpec& l) {
    return with_layer_type(l.kind, []<typename T>() { return T::applies_activation; });
}

// Keras' linear layers (Dense, Conv2D, Conv2DTranspose): a product with a
// kernel plus a bias, then the activation.
constexpr bool is_linear_layer(const LayerSpec& l) {
    return with_layer_type(l.kind, []<typename T>() { return T::linear_layer; });
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
