// Keras 3's GroupNormalization over the last axis: the channels split into
// `groups` groups, each image's values of a group normalised by their own
// mean and (population) variance, then gamma * x + beta per channel. groups
// = -1 gives one group per channel: instance normalization (ONNX's
// InstanceNormalization, the InstanceNormalization class of
// tensorflow-addons and keras-contrib files).
#pragma once

#include <span>

#include <ganforge/core/shape_rules.hpp>

namespace ganforge {

struct GroupNormalization {
    int groups = 32;
    int axis = -1;
    float epsilon = 1e-3f;
    bool center = true;
    bool scale = true;

    static constexpr LayerKind kind = LayerKind::group_normalization;
    static constexpr bool several_inputs = false;
    static constexpr bool reads_image = false;
    static constexpr bool affine = false;
    static constexpr bool keeps_value_range = false;
    static constexpr bool pointwise = false;
    static constexpr bool applies_activation = false;
    static constexpr bool linear_layer = false;

    constexpr LayerSpec spec() const {
        LayerSpec s{.kind = kind};
        s.groups = groups;
        s.axis = axis;
        s.epsilon = epsilon;
        s.center = center;
        s.scale = scale;
        return s;
    }

    // The groups of an input of `channels` channels.
    static constexpr std::size_t group_count(const LayerSpec& l, std::size_t channels) {
        return l.groups == -1 ? channels : std::size_t(l.groups);
    }

    static constexpr ShapeOutcome output_shape(const LayerSpec& l, std::span<const Shape> in) {
        const std::size_t c = in[0].channels();
        if (l.axis != -1 && l.axis != int(in[0].rank()))
            return fault("axis ", l.axis, " is not supported (only the channels, -1 or ", in[0].rank(), ")");
        if (l.groups == 0 || l.groups < -1) return fault("groups must be positive (or -1, one per channel), got ", l.groups);
        if (c % group_count(l, c) != 0)
            return fault("its input's ", c, " channels do not split into ", l.groups, " groups");
        if (!(l.epsilon > 0.0f)) return fault("epsilon must be positive");
        return in[0];
    }

    // gamma (when scale), then beta (when center); each [channels].
    static constexpr void weights(const LayerSpec& l, LayerTensors& t) {
        const std::size_t c = l.input_shape.channels();
        if (l.scale) t.add(WeightRole::gamma, {c}, 1);
        if (l.center) t.add(WeightRole::beta, {c}, 1);
    }
};

}  // namespace ganforge
