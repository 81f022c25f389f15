// Pad of an image on height and width: with zeros (nn.ZeroPad2d, F.pad's
// constant mode) as Keras' ZeroPadding2D, mirrored about the edge pixel
// (mode reflect, nn.ReflectionPad2d) as ReflectionPadding2D, and repeating
// the edge pixel (mode edge, nn.ReplicationPad2d) as ReplicationPadding2D.
// Its pads, [x1_begin, x2_begin, ..., x1_end, ...] in ONNX's NCHW, may be
// any constant, however the graph computes it (torch 1.13 computes them
// from a Constant through Concat, Reshape, Slice and Transpose).
#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "runtime/import_limits.hpp"
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

// The layer each of ONNX's modes is.
LayerKind padding_kind(OnnxAttributes& a, const std::string& mode) {
    if (mode == "constant") return LayerKind::zero_padding2d;
    if (mode == "reflect") return LayerKind::reflection_padding2d;
    if (mode == "edge") return LayerKind::replication_padding2d;
    a.fail(fmt::format("mode '{}' is not supported (constant, reflect, edge)", mode));
}

}  // namespace

// Opset 11 on takes pads, constant_value and (opset 18) axes as inputs;
// before, pads and value are attributes.
void pad(Translator& t, OnnxNode& n) {
    OnnxAttributes& a = n.attributes;
    const Value& x = t.image_input(n, 0);
    const std::string mode = a.text("mode", "constant");
    LayerSpec l{.kind = padding_kind(a, mode)};
    Dims pads, axes{0, 1, 2, 3};
    float value = 0.0f;
    if (t.opset() < 11) {
        pads = a.integers("pads", {});
        value = a.number("value", 0.0f);
    } else {
        pads = t.integers(n, 1, "pads");
        if (t.has_input(n, 2)) {
            const OnnxConstant& v = t.constant_input(n, 2, "constant_value");
            if (v.size() != 1) a.fail(fmt::format("its constant_value holds {} values, not one", v.size()));
            value = float(v.number(0));
        }
        if (t.has_input(n, 3)) axes = t.integers(n, 3, "axes");
    }
    // ONNX reads the value in constant mode only.
    if (mode == "constant" && value != 0.0f)
        a.fail(fmt::format("constant_value {} is not supported: ganforge pads with zeros", value));
    if (pads.size() != 2 * axes.size())
        a.fail(fmt::format("its pads [{}] are not a begin and an end for each of {} axes", fmt::join(pads, ", "),
                           axes.size()));
    std::array<long long, 4> begin{}, end{};
    std::array<bool, 4> seen{};
    for (std::size_t i = 0; i < axes.size(); ++i) {
        const long long axis = axes[i] < 0 ? axes[i] + 4 : axes[i];
        if (axis < 0 || axis >= 4 || seen[std::size_t(axis)])
            a.fail(fmt::format("its axes [{}] are not distinct axes of [N, C, H, W]", fmt::join(axes, ", ")));
        seen[std::size_t(axis)] = true;
        begin[std::size_t(axis)] = pads[i];
        end[std::size_t(axis)] = pads[i + axes.size()];
    }
    if (begin[0] != 0 || end[0] != 0 || begin[1] != 0 || end[1] != 0)
        a.fail(fmt::format("its pads [{}] pad the batch or the channels; ganforge pads height and width",
                           fmt::join(pads, ", ")));
    for (const long long p : {begin[2], end[2], begin[3], end[3]})
        if (p < 0 || p > import_limits::max_window)
            a.fail(fmt::format("its pads [{}] are not from 0 to {}", fmt::join(pads, ", "), import_limits::max_window));
    l.margins.top = int(begin[2]);
    l.margins.bottom = int(end[2]);
    l.margins.left = int(begin[3]);
    l.margins.right = int(end[3]);
    if (l.margins == Margins{}) return t.alias(n, 0);
    t.set_output(n, t.image_value(t.add_layer(n, l, {x.ref}, n.name)));
}

}  // namespace ganforge::onnx_ops
