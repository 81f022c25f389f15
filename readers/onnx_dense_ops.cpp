// PyTorch's Linear as ONNX writes it, a Gemm or a MatMul followed by an Add
// of its bias, as Keras' Dense: the kernel [features, units], B transposed
// where transB says so and scaled by alpha, the bias by beta.
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

const Value& flat_input(const Translator& t, const OnnxNode& n, int j) {
    const Value& v = t.tensor_input(n, j);
    if (v.dims.size() != 1)
        n.attributes.fail(fmt::format("input {} has dimensions [N, {}]; ganforge reads [N, features] here", j,
                                      fmt::join(v.dims, ", ")));
    return v;
}

void dense(Translator& t, OnnxNode& n, const Value& x, std::vector<float> kernel, std::size_t units,
           std::optional<std::vector<float>> bias) {
    LayerSpec l{.kind = LayerKind::dense, .units = int(units)};
    l.use_bias = bias.has_value();
    std::vector<std::vector<float>> w{std::move(kernel)};
    if (bias) w.push_back(std::move(*bias));
    const std::size_t layer = t.add_layer(n, l, {x.ref}, n.name, std::move(w));
    t.set_output(n, t.layer_value(layer, {(long long)units}, {layer}));
}

// A bias of `units` values from C of Gemm or B of Add: one value or one per unit.
std::vector<float> bias_values(const OnnxNode& n, const OnnxConstant& c, std::size_t units, float scale) {
    if (c.is_int || (c.size() != 1 && c.size() != units) || count_of(c.dims) != c.size() ||
        (c.dims.size() > 1 && c.dims.back() != (long long)c.size()))
        n.attributes.fail(fmt::format("its bias of dimensions [{}] does not broadcast over {} units",
                                      fmt::join(c.dims, ", "), units));
    std::vector<float> b(units);
    for (std::size_t i = 0; i < units; ++i) b[i] = scale * c.floats[c.size() == 1 ? 0 : i];
    return b;
}

}  // namespace

void gemm(Translator& t, OnnxNode& n) {
    OnnxAttributes& a = n.attributes;
    const Value& x = flat_input(t, n, 0);
    const OnnxConstant& b = t.constant_input(n, 1, "weight B");
    if (a.integer("transA", 0) != 0) a.fail("transA 1 is not supported");
    const bool trans_b = a.integer("transB", 0) != 0;
    const float alpha = a.number("alpha", 1.0f), beta = a.number("beta", 1.0f);
    if (b.is_int || b.dims.size() != 2) a.fail("its weight B must be a 2-D float constant");
    const std::size_t k = std::size_t(trans_b ? b.dims[1] : b.dims[0]), m = std::size_t(trans_b ? b.dims[0] : b.dims[1]);
    if (k != std::size_t(x.dims[0]))
        a.fail(fmt::format("its weight B [{}] does not take {} features", fmt::join(b.dims, ", "), x.dims[0]));
    std::vector<float> kernel(k * m);
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < m; ++j) kernel[i * m + j] = alpha * (trans_b ? b.floats[j * k + i] : b.floats[i * m + j]);
    std::optional<std::vector<float>> bias;
    if (t.has_input(n, 2)) bias = bias_values(n, t.constant_input(n, 2, "bias C"), m, beta);
    dense(t, n, x, std::move(kernel), m, std::move(bias));
}

void matmul(Translator& t, OnnxNode& n) {
    const Value& x = flat_input(t, n, 0);
    const OnnxConstant& b = t.constant_input(n, 1, "weight");
    if (b.is_int || b.dims.size() != 2 || b.dims[0] != x.dims[0])
        n.attributes.fail(fmt::format("its weight [{}] is not a float [{}, units] matrix", fmt::join(b.dims, ", "),
                                      x.dims[0]));
    dense(t, n, x, b.floats, std::size_t(b.dims[1]), std::nullopt);
}

bool add_matmul_bias(Translator& t, OnnxNode& n, int tensor) {
    const Value& x = t.input(n, tensor);
    if (x.ref.model_input || !t.sole_reader(n, tensor)) return false;
    LayerSpec& producer = t.layer(x.ref.index);
    if (producer.kind != LayerKind::dense || producer.use_bias) return false;
    const OnnxConstant& c = *t.input(n, 1 - tensor).constant;
    t.weights(x.ref.index).push_back(bias_values(n, c, std::size_t(producer.units), 1.0f));
    producer.use_bias = true;
    Value v = x;
    v.feature_layers = t.inherited(n, x, tensor);
    t.set_output(n, std::move(v));
    return true;
}

}  // namespace ganforge::onnx_ops
