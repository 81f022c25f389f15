#include <ganforge/runtime/keras_layer_config.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/runtime/import_limits.hpp>

namespace ganforge {
namespace {

namespace limits = import_limits;
using Fields = KerasConfigFields;

// Options every layer class may carry.
void check_common_options(const Fields& f) {
    if (const auto format = f.string("data_format"); format && *format != "channels_last")
        f.fail(fmt::format("data_format '{}' is not supported (ganforge runs channels_last)", *format));
    // dtype: "float32" (Keras 2, tfjs) or a policy object (Keras 3 DTypePolicy,
    // tf.keras mixed precision Policy). Mixed policies keep float32 weights; we
    // compute in float32, as Keras does for the variables. Anything else (float64,
    // int8 quantisation) would be a different model.
    if (const nlohmann::json* d = f.find("dtype")) {
        const nlohmann::json* name = d;
        if (d->is_object()) {
            const auto c = d->find("config");
            name = c != d->end() && c->is_object() && c->contains("name") ? &(*c)["name"] : nullptr;
        }
        if (!name || !name->is_string())
            f.fail(fmt::format("dtype {} is not understood", brief_json(*d)));
        const auto n = name->get<std::string>();
        if (n != "float32" && n != "mixed_float16" && n != "mixed_bfloat16")
            f.fail(fmt::format("dtype '{}' is not supported (ganforge runs float32)", n));
    }
    if (const nlohmann::json* lora = f.find("lora_rank"); lora && !(lora->is_number() && *lora == 0))
        f.fail(fmt::format("LoRA (lora_rank {}) is not supported", brief_json(*lora)));
    if (f.find("quantization_config"))
        f.fail("quantization_config is not supported (ganforge runs float32 weights)");
}

void require_unit(const Fields& f, std::string_view key, std::string_view what) {
    if (f.size2_or(key, Size2{1}, 0, std::numeric_limits<int>::max()) != Size2{1})
        f.fail(fmt::format("{} {} is not supported ({})", key, brief_json(*f.find(key)), what));
}

Padding padding(const Fields& f) {
    const auto p = f.string("padding").value_or("valid");
    if (p == "valid") return Padding::valid;
    if (p == "same") return Padding::same;
    f.fail(fmt::format("padding '{}' is not supported (valid or same)", p));
}

LayerSpec dense(const Fields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::dense, .units = f.integer("units", 1, limits::max_units)};
    s.activation = f.find("activation") ? keras_activation(*f.find("activation"), f) : Activation::linear;
    s.use_bias = f.boolean_or("use_bias", true);
    return s;
}

LayerSpec convolution(const Fields& f, LayerKind kind) {
    LayerSpec s{.kind = kind, .units = f.integer("filters", 1, limits::max_units)};
    s.kernel_size = f.size2_or("kernel_size", Size2{0}, 1, limits::max_window);
    if (!f.find("kernel_size")) f.fail("kernel_size is missing");
    s.strides = f.size2_or("strides", Size2{1}, 1, limits::max_window);
    s.padding = padding(f);
    require_unit(f, "dilation_rate", "dilated convolutions");
    if (const int groups = f.integer_or("groups", 1, 1, limits::max_units); groups != 1)
        f.fail(fmt::format("groups {} is not supported (grouped convolutions)", groups));
    s.activation = f.find("activation") ? keras_activation(*f.find("activation"), f) : Activation::linear;
    s.use_bias = f.boolean_or("use_bias", true);
    return s;
}

LayerSpec conv2d(const Fields& f, const Shape&) { return convolution(f, LayerKind::conv2d); }

LayerSpec conv2d_transpose(const Fields& f, const Shape&) {
    if (const nlohmann::json* p = f.find("output_padding"))
        f.fail(fmt::format("output_padding {} is not supported", brief_json(*p)));
    return convolution(f, LayerKind::conv2d_transpose);
}

// target_shape with Keras' one -1 resolved against the input's element count.
LayerSpec reshape(const Fields& f, const Shape& input) {
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
              v.get<std::uint64_t>() <= std::uint64_t(limits::max_extent)))
            f.fail(fmt::format("target_shape {}: every extent must be an integer in [1, {}] or one -1",
                               brief_json(*t), limits::max_extent));
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

LayerSpec flatten(const Fields&, const Shape&) { return LayerSpec{.kind = LayerKind::flatten}; }

LayerSpec up_sampling2d(const Fields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::up_sampling2d};
    s.size = f.size2_or("size", Size2{2}, 1, limits::max_window);
    const auto i = f.string("interpolation").value_or("nearest");
    if (i == "nearest") s.interpolation = Interpolation::nearest;
    else if (i == "bilinear") s.interpolation = Interpolation::bilinear;
    else f.fail(fmt::format("interpolation '{}' is not supported (nearest or bilinear)", i));
    return s;
}

LayerSpec leaky_relu(const Fields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::leaky_relu};
    // Keras 2 and tfjs write alpha, Keras 3 negative_slope; both default to 0.3.
    const char* key = f.find("negative_slope") ? "negative_slope" : "alpha";
    s.alpha = float(f.number_or(key, 0.3, -1e6, 1e6));
    return s;
}

LayerSpec relu(const Fields& f, const Shape&) {
    // Any max_value caps the output; negative_slope and threshold 0 are plain ReLU.
    for (const char* key : {"max_value", "negative_slope", "threshold"}) {
        const nlohmann::json* v = f.find(key);
        if (v && !(v->is_number() && *v == 0 && std::string_view(key) != "max_value"))
            f.fail(fmt::format("{} {} is not supported (ganforge's ReLU is max(x, 0))", key, brief_json(*v)));
    }
    return LayerSpec{.kind = LayerKind::relu};
}

LayerSpec activation(const Fields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::activation};
    const nlohmann::json* a = f.find("activation");
    if (!a) f.fail("activation is missing");
    s.activation = keras_activation(*a, f);
    return s;
}

LayerSpec batch_normalization(const Fields& f, const Shape& input) {
    // axis: -1 or the last axis counted with the batch (3 for an image, 1 for
    // a vector), as a number or, in tf.keras 2, a list of one number.
    const nlohmann::json* a = f.find("axis");
    const nlohmann::json* axis = a && a->is_array() && a->size() == 1 ? &(*a)[0] : a;
    const long long last = static_cast<long long>(input.rank());
    if (axis && !(axis->is_number_integer() &&
                  (axis->get<long long>() == -1 || axis->get<long long>() == last)))
        f.fail(fmt::format("axis {} is not supported (only the last axis, -1 or {}, for this input)",
                           brief_json(*a), last));
    if (f.boolean_or("renorm", false)) f.fail("renorm is not supported");
    if (const nlohmann::json* v = f.find("virtual_batch_size"))
        f.fail(fmt::format("virtual_batch_size {} is not supported", brief_json(*v)));
    if (f.find("adjustment")) f.fail("adjustment is not supported");
    LayerSpec s{.kind = LayerKind::batch_normalization};
    s.epsilon = float(f.number_or("epsilon", 1e-3, 0.0, 1e6));
    if (!(s.epsilon > 0.0f)) f.fail("epsilon must be positive");
    s.center = f.boolean_or("center", true);
    s.scale = f.boolean_or("scale", true);
    return s;
}

LayerSpec dropout(const Fields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::dropout};
    s.rate = float(f.number_or("rate", 0.0, 0.0, 1.0));
    return s;
}

LayerSpec concatenate(const Fields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::concatenate};
    s.axis = f.integer_or("axis", -1, -int(Shape::max_rank) - 1, int(Shape::max_rank));
    return s;
}

LayerSpec add(const Fields&, const Shape&) { return LayerSpec{.kind = LayerKind::add}; }

LayerSpec multiply(const Fields&, const Shape&) { return LayerSpec{.kind = LayerKind::multiply}; }

// mask_zero only marks padding for layers that read masks (none of ganforge's
// changes its values); input_length only checks the input's shape.
LayerSpec embedding(const Fields& f, const Shape& input) {
    LayerSpec s{.kind = LayerKind::embedding, .units = f.integer("output_dim", 1, limits::max_units)};
    s.input_dim = f.integer("input_dim", 1, limits::max_units);
    if (const nlohmann::json* n = f.find("input_length"); n && !(n->is_number_unsigned() &&
                                                                 n->get<std::uint64_t>() == input.channels()))
        f.fail(fmt::format("input_length {} does not match its input {}", brief_json(*n), input.channels()));
    return s;
}

LayerSpec zero_padding2d(const Fields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::zero_padding2d};
    s.margins = f.margins_or("padding", Margins{1}, 0, int(limits::max_extent));
    return s;
}

LayerSpec cropping2d(const Fields& f, const Shape&) {
    LayerSpec s{.kind = LayerKind::cropping2d};
    s.margins = f.margins_or("cropping", Margins{0}, 0, int(limits::max_extent));
    return s;
}

using Converter = LayerSpec (*)(const Fields&, const Shape&);
constexpr std::array<std::pair<std::string_view, Converter>, 17> converters{{
    {"Dense", dense},
    {"Reshape", reshape},
    {"Flatten", flatten},
    {"UpSampling2D", up_sampling2d},
    {"Conv2D", conv2d},
    {"Conv2DTranspose", conv2d_transpose},
    {"LeakyReLU", leaky_relu},
    {"ReLU", relu},
    {"Activation", activation},
    {"BatchNormalization", batch_normalization},
    {"Dropout", dropout},
    {"Concatenate", concatenate},
    {"Add", add},
    {"Multiply", multiply},
    {"Embedding", embedding},
    {"ZeroPadding2D", zero_padding2d},
    {"Cropping2D", cropping2d},
}};

}  // namespace

Activation keras_activation(const nlohmann::json& value, const KerasConfigFields& f) {
    const nlohmann::json* name = &value;
    if (value.is_object()) {  // Keras 3: {"class_name": "function", "config": "relu", ...}
        const auto c = value.find("config");
        name = has_string_field(value, "class_name", "function") && c != value.end() ? &*c : nullptr;
    }
    if (value.is_null()) return Activation::linear;
    if (!name || !name->is_string())
        f.fail(fmt::format("activation {} is not supported", brief_json(value)));
    const auto n = name->get<std::string>();
    static constexpr std::array<std::pair<std::string_view, Activation>, 11> known{{
        {"linear", Activation::linear},     {"relu", Activation::relu},
        {"sigmoid", Activation::sigmoid},   {"tanh", Activation::tanh},
        {"elu", Activation::elu},           {"selu", Activation::selu},
        {"softplus", Activation::softplus}, {"softsign", Activation::softsign},
        {"swish", Activation::swish},       {"silu", Activation::swish},
        {"exponential", Activation::exponential},
    }};
    for (const auto& [keras, a] : known)
        if (n == keras) return a;
    f.fail(fmt::format("activation '{}' is not supported (ganforge has linear, relu, sigmoid, tanh, "
                       "elu, selu, softplus, softsign, swish/silu, exponential)",
                       n.size() > 40 ? n.substr(0, 40) + "..." : n));
}

LayerSpec keras_layer_spec(std::string_view class_name, const KerasConfigFields& fields,
                           const Shape& input) {
    for (const auto& [name, convert] : converters)
        if (class_name == name) {
            check_common_options(fields);
            return convert(fields, input);
        }
    std::string known;
    for (const auto& [name, convert] : converters) known += fmt::format("{}{}", known.empty() ? "" : ", ", name);
    fields.fail(fmt::format("this layer class is not supported by ganforge (it runs {})", known));
}

}  // namespace ganforge
