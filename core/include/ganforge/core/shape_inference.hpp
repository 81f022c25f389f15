// Keras' shape rules over a whole model, as one constexpr function that both
// the DSL (at compile time) and the model importer (at run time) use, for a
// chain and for a graph alike: it resolves what each layer reads and asks
// the layer's type for its rule (core/layers/). A model that does not fit is
// reported as data, the first fault only, so the DSL can turn it into a
// single static_assert and the importer into a single error message.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include <ganforge/core/layer_types.hpp>
#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

// Fills every layer's inbound (when left empty), input_shape and
// output_shape; stops at the first fault. `inputs` are the model's inputs in
// order; a layer reads only model inputs and earlier layers.
constexpr ChainError infer_shapes(std::span<const Shape> inputs, std::span<LayerSpec> layers) {
    for (const Shape& in : inputs)
        if (in.has_zero_extent()) return {0, LayerKind::dense, fault("every extent of shape must be positive")};

    for (std::size_t i = 0; i < layers.size(); ++i) {
        LayerSpec& l = layers[i];
        const std::size_t pos = i + 1;
        if (l.inbound_count == 0) {
            l.inbound[0] = i == 0 ? TensorRef{true, 0} : TensorRef{false, i - 1};
            l.inbound_count = 1;
        }
        if (!takes_several_inputs(l.kind) && l.inbound_count != 1)
            return {pos, l.kind, fault("takes one input, got ", l.inbound_count)};
        if (l.inbound_count > max_layer_inputs)
            return {pos, l.kind, fault("takes at most ", max_layer_inputs, " inputs, got ", l.inbound_count)};
        std::array<Shape, max_layer_inputs> in{};
        for (std::size_t j = 0; j < l.inbound_count; ++j) {
            const TensorRef r = l.inbound[j];
            const std::size_t available = r.model_input ? inputs.size() : i;
            if (r.index >= available)
                return {pos, l.kind,
                        r.model_input ? fault("input ", j + 1, " is model input ", r.index + 1, ", but the model has ",
                                              available)
                                      : fault("input ", j + 1, " is layer ", r.index + 1,
                                              ", which does not come before it")};
            in[j] = r.model_input ? inputs[r.index] : layers[r.index].output_shape;
        }
        l.input_shape = in[0];
        const ShapeOutcome out = with_layer_type(l.kind, [&]<typename T>() -> ShapeOutcome {
            if (T::reads_image && !in[0].is_image()) {
                const FaultText got =
                    in[0].rank() == 1 ? fault("a flat one of ", in[0].size(), " values") : fault(in[0]);
                return fault("needs an image input (height, width, channels), got ", got.view());
            }
            return T::output_shape(l, std::span<const Shape>(in.data(), l.inbound_count));
        });
        if (!out.fault.empty()) return {pos, l.kind, out.fault};
        l.output_shape = out.shape;
    }
    return {};
}

// A chain: one input, every layer reading the one before it.
constexpr ChainError infer_shapes(Shape input, std::span<LayerSpec> layers) {
    return infer_shapes(std::span<const Shape>(&input, 1), layers);
}

// A fault where it is: "Reshape (layer 2): target_shape holds 3175 values,
// its input 3200", or "Input: ..." for the model's inputs.
constexpr FaultText chain_error_text(const ChainError& e) {
    if (e.layer == 0) return fault("Input: ", e.text.view());
    return fault(keras_class_name(e.kind), " (layer ", e.layer, "): ", e.text.view());
}

}  // namespace ganforge
