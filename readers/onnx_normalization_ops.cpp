// Per-channel normalizations: BatchNormalization at inference, as Keras'
// BatchNormalization (scale, bias, mean and variance per channel, each a
// constant), and InstanceNormalization, as GroupNormalization with one
// group per channel (each image's channel normalised by its own mean and
// variance, then scale and B per channel).
#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {

void batch_norm(Translator& t, OnnxNode& n) {
    const Value& x = t.tensor_input(n, 0);
    if (x.dims.size() != 1 && x.dims.size() != 3)
        n.attributes.fail(fmt::format("it normalises a [N, {}] tensor; ganforge normalises [N, C] and [N, C, H, W]",
                                      fmt::join(x.dims, ", ")));
    const std::size_t c = std::size_t(x.dims[0]);
    LayerSpec l{.kind = LayerKind::batch_normalization};
    l.epsilon = n.attributes.number("epsilon", 1e-5f);
    l.center = l.scale = true;
    n.attributes.ignore("momentum");
    if (n.attributes.integer("spatial", 1) != 1) n.attributes.fail("spatial 0 is not supported");
    if (n.attributes.integer("training_mode", 0) != 0) n.attributes.fail("training_mode 1 is not supported");
    std::vector<std::vector<float>> w;
    const std::pair<int, const char*> parts[] = {{1, "scale"}, {2, "B"}, {3, "mean"}, {4, "var"}};
    for (const auto& [j, what] : parts) w.push_back(t.float_constant(n, j, what, c).floats);
    std::vector<std::size_t> features = t.inherited(n, x);
    const std::size_t layer = t.add_layer(n, l, {x.ref}, n.name, std::move(w));
    if (!features.empty()) features.push_back(layer);
    t.set_output(n, t.layer_value(layer, x.dims, std::move(features)));
}

// scale and B may be initializers or Constant nodes. PyTorch writes
// affine=False as Constants of ones and zeros, which the layer leaves out
// (Keras' scale and center false), so its weights are PyTorch's parameters.
void instance_norm(Translator& t, OnnxNode& n) {
    const Value& x = t.image_input(n, 0);
    const std::size_t c = std::size_t(x.dims[0]);
    LayerSpec l{.kind = LayerKind::group_normalization};
    l.groups = -1;
    l.epsilon = n.attributes.number("epsilon", 1e-5f);
    const std::vector<float>& scale = t.float_constant(n, 1, "scale", c).floats;
    const std::vector<float>& bias = t.float_constant(n, 2, "B", c).floats;
    l.scale = std::any_of(scale.begin(), scale.end(), [](float v) { return v != 1.0f; });
    l.center = std::any_of(bias.begin(), bias.end(), [](float v) { return v != 0.0f; });
    std::vector<std::vector<float>> w;
    if (l.scale) w.push_back(scale);
    if (l.center) w.push_back(bias);
    t.set_output(n, t.image_value(t.add_layer(n, l, {x.ref}, n.name, std::move(w))));
}

}  // namespace ganforge::onnx_ops
