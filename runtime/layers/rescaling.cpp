// Rescaling: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "runtime/dsl_literals.hpp"
#include "runtime/keras_config_fields.hpp"

namespace ganforge {

LayerSpec LayerRuntime<Rescaling>::from_config(const KerasConfigFields& f, const Shape&) {
    // Keras 3 also takes a list (one scale per channel); ganforge has one number.
    for (const char* key : {"scale", "offset"})
        if (const nlohmann::json* v = f.find(key); v && !v->is_number())
            f.fail(fmt::format("{} {} is not supported (one number)", key, brief_json(*v)));
    if (!f.find("scale")) f.fail("scale is missing");
    return Rescaling{.scale = float(f.number_or("scale", 1.0, -1e30, 1e30)),
                     .offset = float(f.number_or("offset", 0.0, -1e30, 1e30))}.spec();
}

void LayerRuntime<Rescaling>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    fields.push_back(".scale = " + float_literal(l.multiplier));
    if (l.offset != Rescaling{}.offset) fields.push_back(".offset = " + float_literal(l.offset));
}

// Keras' order: the product, then the offset, each rounded.
void LayerRuntime<Rescaling>::run(const LayerRun& r, float* out) {
    for (std::size_t i = 0; i < r.l.input_shape.size(); ++i) {
        const float scaled = r.in()[i] * r.l.multiplier;
        out[i] = scaled + r.l.offset;
    }
}

}  // namespace ganforge
