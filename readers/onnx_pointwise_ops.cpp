// The operators that map each value of one tensor alone (activations, PRelu
// and Dropout, which inference passes through): the output keeps the
// input's dims, and a Dense's features before an activation may still be
// reordered.
#include <array>
#include <limits>
#include <span>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

// One setting of an ONNX operator's parameters (one or two, as floats) that
// is one of Keras' functions.
struct KerasSetting {
    std::array<float, 2> values;
    Activation activation;
};

// The node as the function its parameters pick among `settings`; any other
// values are an error naming the node, and listing the settings. `form`
// shows the parameters: "alpha {}, beta {}".
void keras_setting(Translator& t, OnnxNode& n, std::array<float, 2> values, std::span<const KerasSetting> settings,
                   std::string_view form) {
    for (const KerasSetting& s : settings)
        if (values == s.values) return activation(t, n, s.activation);
    auto show = [&](std::array<float, 2> v) { return fmt::format(fmt::runtime(form), v[0], v[1]); };
    std::string known;
    for (const KerasSetting& s : settings)
        known += fmt::format("{}{} ({})", known.empty() ? "" : "; ", show(s.values), enumerator_name(s.activation));
    n.attributes.fail(fmt::format("{} is none of the Keras activations ganforge runs: {}", show(values), known));
}

}  // namespace

void pointwise(Translator& t, OnnxNode& n, LayerSpec l) {
    const Value& x = t.tensor_input(n, 0);
    std::vector<std::size_t> features = t.inherited(n, x);
    t.set_output(n, t.layer_value(t.add_layer(n, l, {x.ref}, n.name), x.dims, std::move(features)));
}

void activation(Translator& t, OnnxNode& n, Activation a) {
    LayerSpec l{.kind = LayerKind::activation};
    l.activation = a;
    pointwise(t, n, l);
}

// The slope broadcasts to x as numpy does, without enlarging it and with one
// slope for every sample; Keras' PReLU shares it along each axis where it
// has extent 1 (PyTorch's nn.PReLU(C), slope [C, 1, 1]: height and width).
void prelu(Translator& t, OnnxNode& n) {
    const Value& x = t.tensor_input(n, 0);
    const OnnxConstant& slope = t.constant_input(n, 1, "slope");
    const Dims full = x.full_dims();
    if (slope.is_int || slope.dims.size() > full.size())
        n.attributes.fail(fmt::format("its slope [{}] is not a float numpy broadcast of its input [N, {}]",
                                      fmt::join(slope.dims, ", "), fmt::join(x.dims, ", ")));
    // The slope's extent along each of x's dims but the batch: 1 or x's.
    Dims extent(x.dims.size(), 1);
    const std::size_t skipped = full.size() - slope.dims.size();  // numpy aligns the last axes
    for (std::size_t i = 0; i < slope.dims.size(); ++i) {
        const std::size_t axis = skipped + i;
        if (slope.dims[i] == 1) continue;
        if (axis == 0)
            n.attributes.fail(fmt::format("its slope [{}] differs per sample; ganforge's PReLU has one for every "
                                          "sample",
                                          fmt::join(slope.dims, ", ")));
        if (slope.dims[i] != full[axis])
            n.attributes.fail(fmt::format("its slope [{}] is not a numpy broadcast of its input [N, {}]",
                                          fmt::join(slope.dims, ", "), fmt::join(x.dims, ", ")));
        extent[axis - 1] = slope.dims[i];
    }
    // The slope's values in ONNX's order are a tensor of `extent`.
    const std::vector<std::size_t> stride = strides(extent);
    auto slope_at = [&](const std::vector<long long>& at) {
        std::size_t i = 0;
        for (std::size_t a = 0; a < at.size(); ++a) i += extent[a] == 1 ? 0 : std::size_t(at[a]) * stride[a];
        return slope.floats[i];
    };
    LayerSpec l{.kind = LayerKind::prelu};
    std::vector<float> alpha;
    if (x.dims.size() == 3) {
        // ganforge's image is [H, W, C]: Keras' axes 1, 2 and 3 are ONNX's 2, 3 and 1.
        const int keras_axis[3] = {3, 1, 2};
        for (std::size_t a = 0; a < 3; ++a)
            if (extent[a] == 1) l.shared_axes.add(keras_axis[a]);
        const Dims hwc{extent[1], extent[2], extent[0]};
        for_each_value(hwc, count_of(hwc), [&](std::size_t, const std::vector<long long>& at) {
            alpha.push_back(slope_at({at[2], at[0], at[1]}));
        });
    } else if (slope.size() == 1) {
        l.shared_axes.add(1);
        alpha.push_back(slope.floats[0]);
    } else {
        // Held flat in ONNX's order: one slope per value.
        for_each_value(x.dims, count_of(x.dims),
                       [&](std::size_t, const std::vector<long long>& at) { alpha.push_back(slope_at(at)); });
    }
    t.set_output(n, t.layer_value(t.add_layer(n, l, {x.ref}, n.name, {std::move(alpha)}), x.dims));
}

void dropout(Translator& t, OnnxNode& n) {
    n.attributes.ignore("ratio");
    n.attributes.ignore("seed");
    if (n.attributes.integer("is_test", 1) == 0) n.attributes.fail("is_test 0 (training) is not supported");
    if (t.has_input(n, 2)) {
        const OnnxConstant& training = t.constant_input(n, 2, "training_mode");
        if (training.size() != 1 || training.number(0) != 0) n.attributes.fail("training_mode must be false");
    }
    t.alias(n, 0);
}

void alpha_one(Translator& t, OnnxNode& n, Activation a) {
    const KerasSetting keras{{1.0f, 0.0f}, a};
    keras_setting(t, n, {n.attributes.number("alpha", 1.0f), 0.0f}, std::span(&keras, 1), "alpha {}");
}

void selu(Translator& t, OnnxNode& n) {
    // ONNX's defaults, Keras' constants as floats.
    static constexpr KerasSetting keras{{1.67326319217681884765625f, 1.05070102214813232421875f}, Activation::selu};
    keras_setting(t, n,
                  {n.attributes.number("alpha", keras.values[0]), n.attributes.number("gamma", keras.values[1])},
                  std::span(&keras, 1), "alpha {}, gamma {}");
}

void hard_sigmoid(Translator& t, OnnxNode& n) {
    // clip(alpha x + beta, 0, 1): ONNX's defaults are Keras 2's; PyTorch's
    // Hardsigmoid, x / 6 + 0.5, is Keras 3's.
    static constexpr KerasSetting settings[] = {{{0.2f, 0.5f}, Activation::hard_sigmoid_keras2},
                                                {{1.0f / 6.0f, 0.5f}, Activation::hard_sigmoid},
                                                {{0.5f, 0.5f}, Activation::sparse_sigmoid}};
    keras_setting(t, n, {n.attributes.number("alpha", 0.2f), n.attributes.number("beta", 0.5f)}, settings,
                  "alpha {}, beta {}");
}

void clip(Translator& t, OnnxNode& n) {
    constexpr float lowest = std::numeric_limits<float>::lowest(), inf = std::numeric_limits<float>::infinity();
    static constexpr KerasSetting settings[] = {{{0.0f, 6.0f}, Activation::relu6},
                                                {{-1.0f, 1.0f}, Activation::hard_tanh},
                                                {{0.0f, inf}, Activation::relu}};
    std::array<float, 2> bounds{lowest, std::numeric_limits<float>::max()};
    if (t.opset() < 11) {  // attributes then, inputs since
        bounds = {n.attributes.number("min", bounds[0]), n.attributes.number("max", bounds[1])};
    } else {
        for (int j : {1, 2})
            if (t.has_input(n, j))
                bounds[std::size_t(j - 1)] = t.float_constant(n, j, j == 1 ? "min" : "max", 1).floats[0];
    }
    // The largest float as the upper bound clips nothing, as +inf.
    if (bounds[1] == std::numeric_limits<float>::max()) bounds[1] = inf;
    keras_setting(t, n, bounds, settings, "[{}, {}]");
}

void shrink(Translator& t, OnnxNode& n) {
    // x < -lambd ? x + bias : x > lambd ? x - bias : 0.
    static constexpr KerasSetting settings[] = {{{0.5f, 0.0f}, Activation::hard_shrink},
                                                {{0.5f, 0.5f}, Activation::soft_shrink}};
    keras_setting(t, n, {n.attributes.number("lambd", 0.5f), n.attributes.number("bias", 0.0f)}, settings,
                  "lambd {}, bias {}");
}

void gelu(Translator& t, OnnxNode& n) {
    if (const std::string a = n.attributes.text("approximate", "none"); a != "none")
        n.attributes.fail(fmt::format("approximate '{}' is not Keras' gelu, which is the erf form (approximate "
                                      "'none')", a));
    activation(t, n, Activation::gelu);
}

}  // namespace ganforge::onnx_ops
