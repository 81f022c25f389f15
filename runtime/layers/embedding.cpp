// Embedding: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>
#include "runtime/import_limits.hpp"
#include "runtime/keras_config_fields.hpp"

namespace ganforge {

// mask_zero only marks padding for layers that read masks (none of ganforge's
// changes its values); input_length only checks the input's shape.
LayerSpec LayerRuntime<Embedding>::from_config(const KerasConfigFields& f, const Shape& input) {
    const int output_dim = f.integer("output_dim", 1, import_limits::max_units);
    const Embedding e{.input_dim = f.integer("input_dim", 1, import_limits::max_units), .output_dim = output_dim};
    if (const nlohmann::json* n = f.find("input_length");
        n && !(n->is_number_unsigned() && n->get<std::uint64_t>() == input.channels()))
        f.fail(fmt::format("input_length {} does not match its input {}", brief_json(*n), input.channels()));
    return e.spec();
}

void LayerRuntime<Embedding>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    fields.push_back(fmt::format(".input_dim = {}", l.input_dim));
    fields.push_back(fmt::format(".output_dim = {}", l.units));
}

// A label is a float holding an integer; Keras casts it to int32, which
// truncates toward zero. One outside the table is an error, not a read.
void LayerRuntime<Embedding>::run(const LayerRun& r, float* out) {
    const LayerSpec& l = r.l;
    const std::size_t n = l.input_shape.size(), width = std::size_t(l.units);
    const float* table = r.weight(WeightRole::embeddings).data();
    for (std::size_t i = 0; i < n; ++i) {
        const float label = std::trunc(r.in()[i]);
        if (!(label >= 0.0f && label < float(l.input_dim)))
            throw Error(fmt::format("Embedding (layer {}): label {} is outside [0, {})", r.index + 1, r.in()[i],
                                    l.input_dim));
        std::copy_n(table + std::size_t(label) * width, width, out + i * width);
    }
}

}  // namespace ganforge
