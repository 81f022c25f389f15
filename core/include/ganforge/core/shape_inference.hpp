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
    using L = long long;
    using Z = std::size_t;
    auto fail = [](ChainFault f, Z pos, LayerKind k, std::array<L, 4> v) {
        return ChainError{f, pos, k, v};
    };
    for (const Shape& in : inputs)
        if (in.has_zero_extent())
            return fail(ChainFault::input_zero_extent, 0, LayerKind::dense, {L(in.size())});

    for (Z i = 0; i < layers.size(); ++i) {
        LayerSpec& l = layers[i];
        const Z pos = i + 1;
        if (l.inbound_count == 0) {
            l.inbound[0] = i == 0 ? TensorRef{true, 0} : TensorRef{false, i - 1};
            l.inbound_count = 1;
        }
        if (l.inbound_count > max_layer_inputs ||
            (!takes_several_inputs(l.kind) && l.inbound_count != 1))
            return fail(ChainFault::inbound_count, pos, l.kind,
                        {L(l.inbound_count), takes_several_inputs(l.kind) ? L(max_layer_inputs) : 1});
        std::array<Shape, max_layer_inputs> in{};
        for (Z j = 0; j < l.inbound_count; ++j) {
            const TensorRef r = l.inbound[j];
            const Z available = r.model_input ? inputs.size() : i;
            if (r.index >= available)
                return fail(ChainFault::inbound_invalid, pos, l.kind,
                            {L(j), L(r.index), L(r.model_input), L(available)});
            in[j] = r.model_input ? inputs[r.index] : layers[r.index].output_shape;
        }
        l.input_shape = in[0];
        const ShapeOutcome out = with_layer_type(l.kind, [&]<typename T>() -> ShapeOutcome {
            if constexpr (requires { T::reads_image; })
                if (!in[0].is_image()) return {ChainFault::needs_image_input, {L(in[0].size())}};
            return T::output_shape(l, std::span<const Shape>(in.data(), l.inbound_count));
        });
        if (out.fault != ChainFault::none) return fail(out.fault, pos, l.kind, out.values);
        l.output_shape = out.shape;
    }
    return {};
}

// A chain: one input, every layer reading the one before it.
constexpr ChainError infer_shapes(Shape input, std::span<LayerSpec> layers) {
    return infer_shapes(std::span<const Shape>(&input, 1), layers);
}

}  // namespace ganforge
