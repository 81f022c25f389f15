#include "runtime/channel_affine.hpp"

#include <cmath>

namespace ganforge {

ScaleShift channel_affine(const WeightStore& weights, std::size_t layer) {
    const LayerSpec& l = weights.model().layers[layer];
    const std::size_t c = l.input_shape.channels();
    if (l.kind == LayerKind::rescaling) return {std::vector<float>(c, l.multiplier), std::vector<float>(c, l.offset)};
    const auto gamma = weights.find(layer, WeightRole::gamma);
    const auto beta = weights.find(layer, WeightRole::beta);
    const auto mean = weights.find(layer, WeightRole::moving_mean);
    const auto var = weights.find(layer, WeightRole::moving_variance);
    ScaleShift s{std::vector<float>(c), std::vector<float>(c)};
    for (std::size_t i = 0; i < c; ++i) {
        s.scale[i] = (gamma.empty() ? 1.0f : gamma[i]) / std::sqrt(var[i] + l.epsilon);
        s.shift[i] = (beta.empty() ? 0.0f : beta[i]) - mean[i] * s.scale[i];
    }
    return s;
}

}  // namespace ganforge
