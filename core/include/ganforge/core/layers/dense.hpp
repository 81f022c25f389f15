// Keras' Dense: a matrix product on the last axis, plus bias and activation.
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Dense {
    int units = 0;
    Activation activation = Activation::linear;
    bool use_bias = true;

    static constexpr LayerKind kind = LayerKind::dense;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr auto affine = activation_is_linear;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = true;
    static constexpr bool linear_layer = true;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind, .units = units};
        s.activation = activation;
        s.use_bias = use_bias;
        return s;
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        if (l.units <= 0) return fault("units must be positive, got ", l.units);
        Shape out = in[0];
        out.extents[out.rank() - 1] = std::size_t(l.units);
        return out;
    }

    // Multiply-adds per image: in x out for every row the layer acts on.
    static constexpr std::size_t macs(const LayerSpec& l) { return l.input_shape.size() * std::size_t(l.units); }

    // kernel [in, out], bias [out].
    static constexpr void weights(const LayerSpec& l, LayerTensors& t) {
        t.add(WeightRole::kernel, {l.input_shape.channels(), std::size_t(l.units)}, 2);
        if (l.use_bias) t.add(WeightRole::bias, {std::size_t(l.units)}, 1);
    }
};

}  // namespace ganforge
