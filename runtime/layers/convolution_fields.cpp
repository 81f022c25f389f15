#include "runtime/layers/convolution_fields.hpp"

#include <limits>

#include <fmt/format.h>

#include "runtime/dsl_literals.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/keras_layer_config.hpp"

namespace ganforge {
namespace {

void require_unit(const KerasConfigFields& f, std::string_view key, std::string_view what) {
    if (f.size2_or(key, Size2{1}, 0, std::numeric_limits<int>::max()) != Size2{1})
        f.fail(fmt::format("{} {} is not supported ({})", key, brief_json(*f.find(key)), what));
}

Padding padding(const KerasConfigFields& f) {
    const auto p = f.string("padding").value_or("valid");
    if (p == "valid") return Padding::valid;
    if (p == "same") return Padding::same;
    f.fail(fmt::format("padding '{}' is not supported (valid or same)", p));
}

}  // namespace

LayerSpec convolution_from_config(const KerasConfigFields& f, LayerKind kind) {
    namespace limits = import_limits;
    LayerSpec s{.kind = kind, .units = f.integer("filters", 1, limits::max_units)};
    s.kernel_size = f.size2_or("kernel_size", Size2{0}, 1, limits::max_window);
    if (!f.find("kernel_size")) f.fail("kernel_size is missing");
    s.strides = f.size2_or("strides", Size2{1}, 1, limits::max_window);
    s.padding = padding(f);
    require_unit(f, "dilation_rate", "dilated convolutions");
    if (const int groups = f.integer_or("groups", 1, 1, limits::max_units); groups != 1)
        f.fail(fmt::format("groups {} is not supported (grouped convolutions)", groups));
    s.activation = keras_activation_field(f);
    s.use_bias = f.boolean_or("use_bias", true);
    return s;
}

void convolution_dsl_fields(const LayerSpec& l, DslFields& fields) {
    fields.push_back(fmt::format(".filters = {}", l.units));
    fields.push_back(".kernel_size = " + size2_literal(l.kernel_size));
    if (l.strides != Size2{1, 1}) fields.push_back(".strides = " + size2_literal(l.strides));
    if (l.padding == Padding::same) fields.push_back(".padding = ganforge::Padding::same");
    if (l.output_padding.given) fields.push_back(".output_padding = " + size2_literal(l.output_padding.extents));
    if (l.activation != Activation::linear) fields.push_back(".activation = " + activation_literal(l.activation));
    if (!l.use_bias) fields.push_back(".use_bias = false");
}

}  // namespace ganforge
