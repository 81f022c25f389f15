// Conv and ConvTranspose as Keras' Conv2D and Conv2DTranspose: the weights
// transposed once to Keras' kernels, ONNX's pads as 'same', a ZeroPadding2D
// before or a Cropping2D after (onnx_convolution.hpp).
#include <array>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ganforge/core/shape_rules.hpp>
#include "runtime/import_limits.hpp"
#include "readers/onnx_channel_order.hpp"
#include "readers/onnx_convolution.hpp"
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

// Keras' kernel from an ONNX 4-D weight, transpose(2, 3, 1, 0): Conv's
// [out, in, kh, kw] -> [kh, kw, in, out]; ConvTranspose's [in, out, kh, kw]
// -> [kh, kw, out, in].
std::vector<float> keras_kernel(const OnnxConstant& w) {
    const std::size_t a = std::size_t(w.dims[0]), b = std::size_t(w.dims[1]);
    const std::size_t c = std::size_t(w.dims[2]), d = std::size_t(w.dims[3]);
    std::vector<float> k(w.floats.size());
    for (std::size_t i = 0; i < a; ++i)
        for (std::size_t j = 0; j < b; ++j)
            for (std::size_t y = 0; y < c; ++y)
                for (std::size_t x = 0; x < d; ++x) k[((y * d + x) * b + j) * a + i] = w.floats[((i * b + j) * c + y) * d + x];
    return k;
}

struct ConvGeometry {
    std::array<OnnxAxis, 2> axes;
    int kh = 0, kw = 0;
};

// The attributes Conv and ConvTranspose share, for input x and weight w.
ConvGeometry conv_geometry(OnnxNode& n, const Value& x, const OnnxConstant& w) {
    OnnxAttributes& a = n.attributes;
    ConvGeometry g;
    g.kh = int(w.dims[2]);
    g.kw = int(w.dims[3]);
    if (a.integers("kernel_shape", {g.kh, g.kw}) != Dims{g.kh, g.kw})
        a.fail(fmt::format("kernel_shape differs from its weight's [{}]", fmt::join(w.dims, ", ")));
    if (a.integer("group", 1) != 1) a.fail("group other than 1 is not supported (grouped convolutions)");
    if (a.integers("dilations", {1, 1}) != Dims{1, 1}) a.fail("dilations other than 1 are not supported");
    const Dims strides = a.integers("strides", {1, 1});
    const Dims pads = a.integers("pads", {0, 0, 0, 0});
    if (strides.size() != 2 || pads.size() != 4) a.fail("it must have 2 strides and 4 pads (a 2-D convolution)");
    for (const long long s : strides)
        if (s < 1 || s > import_limits::max_window) a.fail(fmt::format("stride {} is out of range", s));
    for (const long long p : pads)
        if (p < 0 || p > import_limits::max_window) a.fail(fmt::format("pad {} is out of range", p));
    for (int i = 0; i < 2; ++i)
        g.axes[std::size_t(i)] = OnnxAxis{x.dims[std::size_t(1 + i)], i == 0 ? g.kh : g.kw, int(strides[std::size_t(i)]),
                                         int(pads[std::size_t(i)]), int(pads[std::size_t(i + 2)])};
    return g;
}

// The weight (input 1, 4-D float, `in_axis` holding x's channels) and
// optional bias (input 2, one per filter) of a convolution.
std::vector<std::vector<float>> conv_weights(const Translator& t, const OnnxNode& n, const Value& x, int in_axis,
                                             int out_axis) {
    const OnnxConstant& w = t.constant_input(n, 1, "weight");
    if (w.is_int || w.dims.size() != 4)
        n.attributes.fail(fmt::format("its weight [{}] is not a 4-D float tensor", fmt::join(w.dims, ", ")));
    if (w.dims[std::size_t(in_axis)] != x.dims[0])
        n.attributes.fail(fmt::format("its weight [{}] does not take {} channels", fmt::join(w.dims, ", "), x.dims[0]));
    std::vector<std::vector<float>> weights{keras_kernel(w)};
    if (t.has_input(n, 2))
        weights.push_back(t.float_constant(n, 2, "bias", std::size_t(w.dims[std::size_t(out_axis)])).floats);
    return weights;
}

std::string auto_pad(OnnxNode& n) {
    const std::string p = n.attributes.text("auto_pad", "NOTSET");
    if (p != "NOTSET" && p != "VALID" && p != "SAME_UPPER")
        n.attributes.fail(fmt::format("auto_pad '{}' is not supported (NOTSET, VALID or SAME_UPPER)", p));
    return p;
}

}  // namespace

void conv(Translator& t, OnnxNode& n) {
    const Value& x = t.image_input(n, 0);
    auto weights = conv_weights(t, n, x, 1, 0);
    const OnnxConstant& w = *t.input(n, 1).constant;
    // The kernel [kh, kw, in, out] reads x's channels in ganforge's order.
    if (!x.channel_order.empty()) reorder_axis(weights[0], std::size_t(w.dims[0]), x.channel_order);
    const ConvGeometry g = conv_geometry(n, x, w);
    const std::string pad = auto_pad(n);
    KerasConvolution k = pad == "NOTSET" ? keras_conv(g.axes) : KerasConvolution{};
    if (pad == "SAME_UPPER") k.padding = Padding::same;
    TensorRef in = x.ref;
    if (k.zero_padding != Margins{}) {
        LayerSpec p{.kind = LayerKind::zero_padding2d};
        p.margins = k.zero_padding;
        in = TensorRef{false, t.add_layer(n, p, {in}, n.name + "/pad")};
    }
    LayerSpec l = shape_rules::convolution_spec(LayerKind::conv2d, int(w.dims[0]), Size2{g.kh, g.kw},
                                                Size2{g.axes[0].stride, g.axes[1].stride}, k.padding,
                                                Activation::linear, weights.size() == 2);
    const std::size_t layer = t.add_layer(n, l, {in}, n.name, std::move(weights));
    t.set_output(n, t.image_value(layer));
}

void conv_transpose(Translator& t, OnnxNode& n) {
    const Value& x = t.image_input(n, 0);
    auto weights = conv_weights(t, n, x, 0, 1);
    const OnnxConstant& w = *t.input(n, 1).constant;
    ConvGeometry g = conv_geometry(n, x, w);
    if (auto_pad(n) != "NOTSET") n.attributes.fail("auto_pad other than NOTSET is not supported");
    if (n.attributes.has("output_shape")) n.attributes.fail("output_shape is not supported (output_padding is)");
    const Dims output_padding = n.attributes.integers("output_padding", {0, 0});
    if (output_padding.size() != 2) n.attributes.fail("output_padding must have 2 values");
    for (int i = 0; i < 2; ++i) {
        OnnxAxis& a = g.axes[std::size_t(i)];
        a.output_padding = int(output_padding[std::size_t(i)]);
        if (a.output_padding < 0 || a.output_padding >= a.stride)
            n.attributes.fail(fmt::format("output_padding {} must be at least 0 and less than the stride {}",
                                          a.output_padding, a.stride));
        if (onnx_conv_transpose_output(a) < 1)
            n.attributes.fail("its pads crop the whole output");
    }
    const KerasConvolution k = keras_conv_transpose(g.axes);
    LayerSpec l = shape_rules::convolution_spec(LayerKind::conv2d_transpose, int(w.dims[1]), Size2{g.kh, g.kw},
                                                Size2{g.axes[0].stride, g.axes[1].stride}, k.padding,
                                                Activation::linear, weights.size() == 2);
    l.output_padding = k.output_padding;
    std::size_t layer = t.add_layer(n, l, {x.ref}, n.name, std::move(weights));
    if (k.cropping != Margins{}) {
        LayerSpec c{.kind = LayerKind::cropping2d};
        c.margins = k.cropping;
        layer = t.add_layer(n, c, {TensorRef{false, layer}}, n.name + "/crop");
    }
    t.set_output(n, t.image_value(layer));
}

}  // namespace ganforge::onnx_ops
