// Keras' Embedding: each label (a float holding an integer in [0, input_dim),
// cast as Keras casts it) becomes row `label` of an input_dim x output_dim
// table; an input of shape (1) gives (1, output_dim).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct Embedding {
    int input_dim = 0;
    int output_dim = 0;

    static constexpr LayerKind kind = LayerKind::embedding;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const { return LayerSpec{.kind = kind, .units = output_dim, .input_dim = input_dim}; }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        if (l.input_dim <= 0) return fault("input_dim must be positive, got ", l.input_dim);
        if (l.units <= 0) return fault("output_dim must be positive, got ", l.units);
        if (in[0].rank() >= Shape::max_rank)
            return fault("its output would have ", in[0].rank() + 1,
                         " axes besides the batch; ganforge tensors have at most ", Shape::max_rank);
        Shape out = in[0];
        out.extents[out.extent_count++] = std::size_t(l.units);
        return out;
    }

    // embeddings [input_dim, output_dim], row i the vector of label i.
    static constexpr void weights(const LayerSpec& l, LayerTensors& t) {
        t.add(WeightRole::embeddings, {std::size_t(l.input_dim), std::size_t(l.units)}, 2);
    }
};

}  // namespace ganforge
