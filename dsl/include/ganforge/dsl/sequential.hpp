// ganforge::Sequential<Input{...}, layers...>: a model as a type. Every shape
// and parameter count is computed at compile time with Keras' rules
// (shape_inference.hpp); a chain that does not fit stops compilation with one
// message naming the layer (chain_diagnostics.hpp).
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <type_traits>

#include <boost/hana/all_of.hpp>
#include <boost/hana/fold_left.hpp>
#include <boost/hana/transform.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/unpack.hpp>

#include <ganforge/dsl/chain_diagnostics.hpp>
#include <ganforge/dsl/input.hpp>
#include <ganforge/dsl/layer.hpp>
#include <ganforge/core/layer_spec.hpp>
#include <ganforge/core/shape_inference.hpp>
#include <ganforge/core/model_spec.hpp>

namespace ganforge {

namespace hana = boost::hana;

namespace sequential_detail {

// A stand-in for a misplaced first argument, so that a wrong model gives the
// one static_assert below and no follow-on errors.
template <auto First>
constexpr Shape input_shape_of() {
    if constexpr (std::is_same_v<std::remove_cv_t<decltype(First)>, Input>)
        return First.shape;
    else
        return Shape{1};
}

// The same for an argument that is not a layer: the identity.
template <typename T>
constexpr LayerSpec spec_of(const T& layer) {
    if constexpr (Layer<T>)
        return layer.spec();
    else
        return LayerSpec{.kind = LayerKind::dropout};
}

// The chain is checked only when the arguments are an Input and layers, so
// that a misplaced argument gives its own static_assert alone.
template <auto First, auto... Layers>
constexpr bool arguments_well_formed = std::is_same_v<std::remove_cv_t<decltype(First)>, Input> &&
                                       (Layer<std::remove_cv_t<decltype(Layers)>> && ...);

template <std::size_t N>
struct Chain {
    std::array<LayerSpec, N> layers{};
    ChainError error{};
};

}  // namespace sequential_detail

template <auto First, auto... Layers>
struct Sequential {
    static_assert(std::is_same_v<std::remove_cv_t<decltype(First)>, Input>,
                  "Sequential<...>: the first argument must be the model's Input, "
                  "e.g. Sequential<Input{{100}}, Dense{.units = 3200}, ...>");
    static_assert(hana::all_of(hana::tuple_t<std::remove_cv_t<decltype(Layers)>...>,
                               [](auto t) {
                                   return hana::bool_c<Layer<typename decltype(t)::type>>;
                               }),
                  "Sequential<Input, layers...>: every argument after the Input must be a "
                  "layer value (Dense{...}, Conv2D{...}, ...)");

private:
    static constexpr std::size_t N = sizeof...(Layers);

    static constexpr auto chain = [] {
        sequential_detail::Chain<N> c;
        if constexpr (N > 0) {
            constexpr auto values = hana::make_tuple(Layers...);
            c.layers = hana::unpack(values, [](auto... layer) {
                return std::array<LayerSpec, N>{sequential_detail::spec_of(layer)...};
            });
        }
        c.error = infer_shapes(sequential_detail::input_shape_of<First>(), c.layers);
        return c;
    }();
    // Instantiates exactly one diagnostic when the chain does not fit.
    static_assert((chain_diagnostics::report<sequential_detail::arguments_well_formed<First, Layers...>
                                                  ? chain.error
                                                  : ChainError{}>(),
                   true));

    static constexpr ParamCount counts = count_params(chain.layers);

public:
    static constexpr std::array<LayerSpec, N> layers = chain.layers;
    static constexpr Shape input_shape = sequential_detail::input_shape_of<First>();
    static constexpr std::size_t input_count = 1;
    static constexpr std::array<Shape, 1> input_shapes{input_shape};
    static constexpr Shape output_shape = N == 0 ? input_shape : chain.layers[N - 1].output_shape;
    static constexpr std::size_t layer_count = N;
    static constexpr std::size_t trainable_param_count = counts.trainable;
    static constexpr std::size_t non_trainable_param_count = counts.non_trainable;
    static constexpr std::size_t param_count = counts.total();

    // The output's shape for an input image of height x width: the model,
    // fully convolutional, at another size (core/image_size.hpp). A size it
    // cannot take throws ganforge::Error naming the layer; in a constant
    // expression, it does not compile.
    static constexpr Shape output_extent(std::size_t height, std::size_t width) {
        const ImageExtent extent{height, width};
        return image_size::resized_output(input_shapes, layers, std::span<const ImageExtent>(&extent, 1));
    }

    // The runtime description that the interpreter, summary and generator read.
    static ModelSpec spec() {
        return ModelSpec{{input_shape}, {layers.begin(), layers.end()}, {}, {}};
    }
};

// True for ganforge::Sequential<...> types.
template <typename T>
struct is_sequential : std::false_type {};
template <auto First, auto... Layers>
struct is_sequential<Sequential<First, Layers...>> : std::true_type {};

}  // namespace ganforge
