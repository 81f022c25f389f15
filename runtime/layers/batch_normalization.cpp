// BatchNormalization: the config reader, the DSL fields and the interpreter
// kernel (Keras' inference expression, the numerical reference; the code
// generator and the peers use its affine form, runtime/channel_affine).
#include "runtime/layer_runtime.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "runtime/dsl_literals.hpp"
#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<BatchNormalization>::from_config(const KerasConfigFields& f, const Shape& input) {
    // axis: -1 or the last axis counted with the batch (3 for an image, 1 for
    // a vector), as a number or, in tf.keras 2, a list of one number.
    const nlohmann::json* a = f.find("axis");
    const nlohmann::json* axis = a && a->is_array() && a->size() == 1 ? &(*a)[0] : a;
    const long long last = static_cast<long long>(input.rank());
    if (axis && !(axis->is_number_integer() && (axis->get<long long>() == -1 || axis->get<long long>() == last)))
        f.fail(fmt::format("axis {} is not supported (only the last axis, -1 or {}, for this input)",
                           brief_json(*a), last));
    if (f.boolean_or("renorm", false)) f.fail("renorm is not supported");
    if (const nlohmann::json* v = f.find("virtual_batch_size"))
        f.fail(fmt::format("virtual_batch_size {} is not supported", brief_json(*v)));
    if (f.find("adjustment")) f.fail("adjustment is not supported");
    const auto epsilon = float(f.number_or("epsilon", 1e-3, 0.0, 1e6));
    if (!(epsilon > 0.0f)) f.fail("epsilon must be positive");
    const bool center = f.boolean_or("center", true);
    return BatchNormalization{.epsilon = epsilon, .center = center, .scale = f.boolean_or("scale", true)}.spec();
}

void LayerRuntime<BatchNormalization>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.epsilon != BatchNormalization{}.epsilon) fields.push_back(".epsilon = " + float_literal(l.epsilon));
    if (!l.center) fields.push_back(".center = false");
    if (!l.scale) fields.push_back(".scale = false");
}

void LayerRuntime<BatchNormalization>::run(const LayerRun& r, float* out) {
    const LayerSpec& l = r.l;
    const std::size_t C = l.input_shape.channels(), n = l.input_shape.size();
    const auto gamma = r.weight(WeightRole::gamma), beta = r.weight(WeightRole::beta);
    const auto mean = r.weight(WeightRole::moving_mean);
    const auto var = r.weight(WeightRole::moving_variance);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = i % C;
        const float inv = (gamma.empty() ? 1.0f : gamma[c]) / std::sqrt(var[c] + l.epsilon);
        out[i] = (r.in()[i] - mean[c]) * inv + (beta.empty() ? 0.0f : beta[c]);
    }
}

}  // namespace ganforge
