// GroupNormalization: the config reader, the DSL fields and the interpreter
// kernel (Keras' expression, statistics in double: the numerical reference).
#include "runtime/layer_runtime.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "runtime/dsl_literals.hpp"
#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<GroupNormalization>::from_config(const KerasConfigFields& f, const Shape& input) {
    const GroupNormalization d;
    const long long last = static_cast<long long>(input.rank());
    const int axis = f.integer_or("axis", d.axis, -8, 8);
    if (axis != -1 && axis != last)
        f.fail(fmt::format("axis {} is not supported (only the channels, -1 or {}, for this input)", axis, last));
    return GroupNormalization{.groups = f.integer_or("groups", d.groups, -1, 1 << 20),
                              .axis = axis,
                              .epsilon = float(f.number_or("epsilon", d.epsilon, 0.0, 1e6)),
                              .center = f.boolean_or("center", d.center),
                              .scale = f.boolean_or("scale", d.scale)}.spec();
}

void LayerRuntime<GroupNormalization>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    const GroupNormalization d;
    if (l.groups != d.groups) fields.push_back(fmt::format(".groups = {}", l.groups));
    if (l.axis != d.axis) fields.push_back(fmt::format(".axis = {}", l.axis));
    if (l.epsilon != d.epsilon) fields.push_back(".epsilon = " + float_literal(l.epsilon));
    if (!l.center) fields.push_back(".center = false");
    if (!l.scale) fields.push_back(".scale = false");
}

void LayerRuntime<GroupNormalization>::run(const LayerRun& r, float* out) {
    const LayerSpec& l = r.l;
    const std::size_t C = l.input_shape.channels(), positions = l.input_shape.size() / C;
    const std::size_t groups = GroupNormalization::group_count(l, C), width = C / groups;
    const auto gamma = r.weight(WeightRole::gamma), beta = r.weight(WeightRole::beta);
    const float* x = r.in();
    for (std::size_t g = 0; g < groups; ++g) {
        double sum = 0.0;
        for (std::size_t p = 0; p < positions; ++p)
            for (std::size_t c = g * width; c < (g + 1) * width; ++c) sum += x[p * C + c];
        const double count = double(positions * width), mean = sum / count;
        double squares = 0.0;
        for (std::size_t p = 0; p < positions; ++p)
            for (std::size_t c = g * width; c < (g + 1) * width; ++c) squares += (x[p * C + c] - mean) * (x[p * C + c] - mean);
        const double inv = 1.0 / std::sqrt(squares / count + double(l.epsilon));
        for (std::size_t p = 0; p < positions; ++p)
            for (std::size_t c = g * width; c < (g + 1) * width; ++c)
                out[p * C + c] = float((x[p * C + c] - mean) * inv * (gamma.empty() ? 1.0 : gamma[c]) +
                                       (beta.empty() ? 0.0 : beta[c]));
    }
}

}  // namespace ganforge
