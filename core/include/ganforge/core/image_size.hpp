// A fully convolutional model, declared at one image size, at another: its
// image inputs take a new height and width (channels as declared), every
// shape follows by Keras' rules, and every layer's weights must stay as
// they are. A size the model cannot take is a fault naming the layer: a
// stride or block that does not divide it, a Reshape of fixed size, a layer
// whose weights follow the size (a Dense reading a flattened image, a PReLU
// with a slope per pixel). One constexpr rule for the DSL's output_extent
// and the runtime's predict_image.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include <ganforge/core/shape_inference.hpp>

namespace ganforge {

// An image input's height and width.
struct ImageExtent {
    std::size_t height = 0;
    std::size_t width = 0;
    friend constexpr bool operator==(const ImageExtent&, const ImageExtent&) = default;
};

namespace image_size {

// The inputs at the new extents, one per image input in input order; any
// other input as declared. The count must match (the caller checks).
constexpr void resize_inputs(std::span<Shape> inputs, std::span<const ImageExtent> extents) {
    std::size_t k = 0;
    for (Shape& s : inputs)
        if (s.is_image()) {
            s = Shape{extents[k].height, extents[k].width, s.channels()};
            ++k;
        }
}

constexpr std::size_t image_inputs(std::span<const Shape> inputs) {
    std::size_t n = 0;
    for (const Shape& s : inputs) n += s.is_image() ? 1 : 0;
    return n;
}

// `layers` (the declared ones, copied) re-inferred for `inputs`; the first
// fault, or a layer whose weights differ from `declared`'s.
constexpr ChainError resize(std::span<const Shape> inputs, std::span<LayerSpec> layers,
                            std::span<const LayerSpec> declared) {
    if (const ChainError e = infer_shapes(inputs, layers)) return e;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::size_t now = layer_params(layers[i]).total(), then = layer_params(declared[i]).total();
        if (now != then)
            return {i + 1, layers[i].kind,
                    fault("its weights follow the image size (", now, " values at this size, ", then,
                          " as declared)")};
    }
    return {};
}

// Throws ganforge::Error: "the model cannot take an image of 33x33:
// <fault>".
[[noreturn]] void fail(std::span<const ImageExtent> extents, std::string_view fault);

// The output shape of a model (its declared inputs and shape-inferred
// layers) at `extents`; throws through fail() for a size it cannot take.
template <std::size_t I, std::size_t N>
constexpr Shape resized_output(std::array<Shape, I> inputs, std::array<LayerSpec, N> layers,
                               std::span<const ImageExtent> extents) {
    const std::array<LayerSpec, N> declared = layers;
    if (extents.size() != image_inputs(inputs)) fail(extents, "the count of sizes is not the count of image inputs");
    resize_inputs(inputs, extents);
    if (const ChainError e = resize(inputs, layers, declared)) fail(extents, chain_error_text(e).view());
    if constexpr (N == 0) return inputs[0];
    else return layers[N - 1].output_shape;
}

}  // namespace image_size
}  // namespace ganforge
