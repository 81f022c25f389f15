// PReLU: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<PReLU>::from_config(const KerasConfigFields& f, const Shape&) {
    // Keras takes null, one axis or a list of axes.
    const nlohmann::json* v = f.find("shared_axes");
    if (!v) return PReLU{}.spec();
    const nlohmann::json list = v->is_array() ? *v : nlohmann::json::array({*v});
    PReLU p;
    for (const nlohmann::json& a : list) {
        if (!a.is_number_integer() || list.size() > 3)
            f.fail(fmt::format("shared_axes {} is not a list of axes", brief_json(*v)));
        p.shared_axes.add(a.get<int>());
    }
    return p.spec();
}

void LayerRuntime<PReLU>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    if (l.shared_axes == AxisSet{}) return;
    std::string axes;
    for (int a = 1; a <= 3; ++a)
        if (l.shared_axes.has(a)) axes += fmt::format("{}{}", axes.empty() ? "" : ", ", a);
    fields.push_back(".shared_axes = {" + axes + "}");
}

void LayerRuntime<PReLU>::run(const LayerRun& r, float* out) {
    const auto alpha = r.weight(WeightRole::alpha);
    for (std::size_t i = 0; i < r.l.input_shape.size(); ++i) {
        const float x = r.in()[i];
        out[i] = x >= 0.0f ? x : alpha[PReLU::alpha_index(r.l, i)] * x;
    }
}

}  // namespace ganforge
