// Reshape: the config reader, the DSL fields and the interpreter kernel.
#include "runtime/layer_runtime.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "runtime/dsl_literals.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/keras_config_fields.hpp"

namespace ganforge {

// target_shape with Keras' one -1 resolved against the input's element count.
LayerSpec LayerRuntime<Reshape>::from_config(const KerasConfigFields& f, const Shape& input) {
    const nlohmann::json* t = f.find("target_shape");
    if (!t || !t->is_array() || t->empty())
        f.fail(fmt::format("target_shape must be a list of extents, got {}", t ? brief_json(*t) : "nothing"));
    if (t->size() > Shape::max_rank)
        f.fail(fmt::format("target_shape {} has {} extents; ganforge shapes have 1 (a vector), 2 (a "
                           "sequence) or 3 (height, width, channels)", brief_json(*t), t->size()));
    std::array<long long, 3> e{};
    int unknown = -1;
    long long known = 1;
    for (std::size_t i = 0; i < t->size(); ++i) {
        const nlohmann::json& v = (*t)[i];
        if (v.is_number_integer() && v.get<long long>() == -1 && !v.is_number_unsigned()) {
            if (unknown >= 0) f.fail(fmt::format("target_shape {} has more than one -1", brief_json(*t)));
            unknown = int(i);
            continue;
        }
        if (!v.is_number_integer() || v.is_number_float() ||
            !(v.is_number_unsigned() && v.get<std::uint64_t>() >= 1 &&
              v.get<std::uint64_t>() <= std::uint64_t(import_limits::max_extent)))
            f.fail(fmt::format("target_shape {}: every extent must be an integer in [1, {}] or one -1",
                               brief_json(*t), import_limits::max_extent));
        e[i] = v.get<long long>();
        known *= e[i];  // at most 3 factors of 2^24: no overflow
    }
    if (unknown >= 0) {
        const auto total = static_cast<long long>(input.size());
        if (total % known != 0)
            f.fail(fmt::format("target_shape {}: the input's {} values do not divide by {}",
                               brief_json(*t), total, known));
        e[std::size_t(unknown)] = total / known;
    }
    LayerSpec s{.kind = LayerKind::reshape};
    s.target_shape = Shape{std::size_t(e[0]), std::size_t(e[1]), std::size_t(e[2])};
    s.target_shape.extent_count = t->size();
    return s;
}

void LayerRuntime<Reshape>::dsl_fields(const LayerSpec& l, DslFields& fields) {
    fields.push_back(shape_literal(l.target_shape));
}

void LayerRuntime<Reshape>::run(const LayerRun& r, float* out) {
    std::copy_n(r.in(), r.l.input_shape.size(), out);
}

}  // namespace ganforge
