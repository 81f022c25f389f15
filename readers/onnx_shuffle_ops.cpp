// The pixel shuffles, which move channels into blocks of pixels and back:
// DepthToSpace (DCR: TensorFlow's depth_to_space; CRD: PyTorch's
// PixelShuffle), SpaceToDepth (DCR only), and PyTorch's pixel_unshuffle,
// which torch 1.13 exports as a Reshape to rank 6, a Transpose and a
// Reshape. ganforge's DepthToSpace and SpaceToDepth are DCR; the CRD order
// is moved into a convolution's weights next to the shuffle, or else made
// by an exact permutation layer (onnx_channel_order.hpp).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <onnx/onnx_pb.h>

#include "runtime/import_limits.hpp"
#include "readers/onnx_channel_order.hpp"
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

constexpr std::string_view unshuffle =
    "PyTorch's pixel_unshuffle (Reshape to [N, C, H/b, b, W/b, b], Transpose perm [0, 1, 3, 5, 2, 4], Reshape to "
    "[N, C*b*b, H/b, W/b])";
// [N, C, H/b, b, W/b, b], then [N, C, b, b, H/b, W/b].
const PatternStep unshuffle_view{unshuffle, "Transpose"};
const PatternStep unshuffle_transposed{unshuffle, "Reshape"};

int block_size(OnnxNode& n) {
    if (!n.attributes.has("blocksize")) n.attributes.fail("attribute 'blocksize' is missing");
    const long long b = n.attributes.integer("blocksize", 0);
    if (b < 2 || b > import_limits::max_window)
        n.attributes.fail(fmt::format("blocksize {} is not from 2 to {}", b, import_limits::max_window));
    return int(b);
}

// C, the channels of DepthToSpace's output, whose input has `channels` =
// C * b * b.
std::size_t per_block(const OnnxNode& n, long long channels, int b) {
    if (channels % (b * b) != 0)
        n.attributes.fail(fmt::format("its input's {} channels are not a multiple of blocksize squared ({})", channels,
                                      b * b));
    return std::size_t(channels / (b * b));
}

// x's channels, in CRD order, for a DepthToSpace that reads DCR (its channel
// k is x's from[k]): the filters of the Conv or ConvTranspose that computes x
// for this node alone reordered, else a permutation layer.
TensorRef in_dcr_order(Translator& t, OnnxNode& n, const Value& x, const std::vector<std::size_t>& from) {
    const onnx::NodeProto* p = t.producer(n, 0);
    if (!p || (p->op_type() != "Conv" && p->op_type() != "ConvTranspose") || !t.sole_reader(n, 0))
        return TensorRef{false, add_channel_permutation(t, n, x.ref, from, n.name + "/crd_to_dcr")};
    std::size_t layer = x.ref.index;
    // A ConvTranspose's Cropping2D keeps the channels of the layer before it.
    if (t.layer(layer).kind == LayerKind::cropping2d) layer = t.layer(layer).inbound[0].index;
    std::vector<std::vector<float>>& w = t.weights(layer);
    // Conv2D's kernel is [kh, kw, in, out]; Conv2DTranspose's [kh, kw, out, in].
    const bool transposed = t.layer(layer).kind == LayerKind::conv2d_transpose;
    reorder_axis(w[0], transposed ? t.layer(layer).input_shape.channels() : 1, from);
    if (w.size() == 2) reorder_axis(w[1], 1, from);
    return x.ref;
}

}  // namespace

void depth_to_space(Translator& t, OnnxNode& n) {
    const Value& x = t.image_input(n, 0);
    const int b = block_size(n);
    const std::string mode = n.attributes.text("mode", "DCR");
    if (mode != "DCR" && mode != "CRD") n.attributes.fail(fmt::format("mode '{}' is not supported (DCR, CRD)", mode));
    const std::size_t c = per_block(n, x.dims[0], b);
    const TensorRef in = mode == "CRD" ? in_dcr_order(t, n, x, crd_channels_of_dcr(c, std::size_t(b))) : x.ref;
    LayerSpec l{.kind = LayerKind::depth_to_space};
    l.block_size = b;
    t.set_output(n, t.image_value(t.add_layer(n, l, {in}, n.name)));
}

void space_to_depth(Translator& t, OnnxNode& n) {
    const Value& x = t.image_input(n, 0);
    LayerSpec l{.kind = LayerKind::space_to_depth};
    l.block_size = block_size(n);
    t.set_output(n, t.image_value(t.add_layer(n, l, {x.ref}, n.name)));
}

void pixel_unshuffle_reshape(Translator& t, OnnxNode& n, const Value& x, const Dims& dims) {
    if (!x.step) {
        const long long c = x.dims[0], h = x.dims[1], w = x.dims[2], b = dims[2];
        if (dims[0] != c || b < 2 || dims[4] != b || dims[1] * b != h || dims[3] * b != w)
            n.attributes.fail(fmt::format("it views a [N, {}] image as [N, {}]; ganforge reads a view of rank 6 only "
                                          "as the first step of {}",
                                          fmt::join(x.dims, ", "), fmt::join(dims, ", "), unshuffle));
        Value v;
        v.ref = x.ref;
        v.dims = dims;
        v.step = &unshuffle_view;
        return t.set_output(n, std::move(v));
    }
    const long long c = x.dims[0], b = x.dims[1], h = x.dims[3], w = x.dims[4];
    if (dims != Dims{c * b * b, h, w})
        n.attributes.fail(fmt::format("it reshapes [N, {}] into [N, {}], not [N, {}, {}, {}] as the last step of {}",
                                      fmt::join(x.dims, ", "), fmt::join(dims, ", "), c * b * b, h, w, unshuffle));
    LayerSpec l{.kind = LayerKind::space_to_depth};
    l.block_size = int(b);
    const std::size_t layer = t.add_layer(n, l, {x.ref}, n.name);
    const std::vector<std::size_t> from = crd_channels_of_dcr(std::size_t(c), std::size_t(b));
    const onnx::NodeProto* consumer = t.sole_consumer(n);
    if (consumer && consumer->op_type() == "Conv" && consumer->input(0) == n.proto.output(0)) {
        Value v = t.image_value(layer);
        v.channel_order = from;
        return t.set_output(n, std::move(v));
    }
    std::vector<std::size_t> to_crd(from.size());
    for (std::size_t k = 0; k < from.size(); ++k) to_crd[from[k]] = k;
    t.set_output(n, t.image_value(add_channel_permutation(t, n, {false, layer}, to_crd, n.name + "/dcr_to_crd")));
}

void pixel_unshuffle_transpose(Translator& t, OnnxNode& n) {
    const Value& x = t.tensor_input(n, 0);
    if (x.step != &unshuffle_view)
        n.attributes.fail(fmt::format("it transposes a [N, {}] tensor; ganforge transposes tensors only as the middle "
                                      "step of {}",
                                      fmt::join(x.dims, ", "), unshuffle));
    const Dims perm = n.attributes.integers("perm", {});
    if (perm != Dims{0, 1, 3, 5, 2, 4})
        n.attributes.fail(fmt::format("its perm [{}] is not [0, 1, 3, 5, 2, 4], the middle step of {}",
                                      fmt::join(perm, ", "), unshuffle));
    Value v;
    v.ref = x.ref;
    v.dims = {x.dims[0], x.dims[2], x.dims[4], x.dims[1], x.dims[3]};
    v.step = &unshuffle_transposed;
    t.set_output(n, std::move(v));
}

}  // namespace ganforge::onnx_ops
