#include "bench/peers/folded_model.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_inference.hpp>
#include "runtime/activation.hpp"
#include "runtime/channel_affine.hpp"

namespace ganforge::bench {
namespace {

std::optional<Eltwise> as_eltwise(Activation a) {
    if (a == Activation::linear) return std::nullopt;
    return Eltwise{a};
}

// An op of activations that follows no kernel.
FoldedOp eltwise_op(Eltwise e) {
    FoldedOp op;
    op.kind = FoldedOp::Kind::eltwise;
    op.post.push_back(e);
    return op;
}

// Layer i as an op of its own, before folding: its kind and weights; nothing
// for a layer that passes its input on (Dropout, a linear Activation).
std::optional<FoldedOp> own_op(const WeightStore& w, std::size_t i) {
    const LayerSpec& l = w.model().layers[i];
    FoldedOp op;
    switch (l.kind) {
        case LayerKind::dense:
        case LayerKind::conv2d:
        case LayerKind::conv2d_transpose: {
            op.kind = l.kind == LayerKind::dense ? FoldedOp::Kind::dense
                    : l.kind == LayerKind::conv2d ? FoldedOp::Kind::conv2d
                                                  : FoldedOp::Kind::conv2d_transpose;
            const auto kernel = w.find(i, WeightRole::kernel), bias = w.find(i, WeightRole::bias);
            op.kernel.assign(kernel.begin(), kernel.end());
            op.bias.assign(std::size_t(l.units), 0.0f);
            std::copy(bias.begin(), bias.end(), op.bias.begin());
            if (auto e = as_eltwise(l.activation)) op.post.push_back(*e);
            return op;
        }
        case LayerKind::batch_normalization:
        case LayerKind::rescaling: {
            op.kind = FoldedOp::Kind::scale_shift;
            ScaleShift bn = channel_affine(w, i);
            op.scale = std::move(bn.scale);
            op.shift = std::move(bn.shift);
            return op;
        }
        case LayerKind::relu: return eltwise_op(Eltwise{Eltwise::Fn::relu});
        case LayerKind::leaky_relu: return eltwise_op(Eltwise{Eltwise::Fn::leaky_relu, l.alpha});
        case LayerKind::activation: {
            const std::optional<Eltwise> e = as_eltwise(l.activation);
            if (!e) return std::nullopt;
            return eltwise_op(*e);
        }
        case LayerKind::dropout: return std::nullopt;
        case LayerKind::up_sampling2d: op.kind = FoldedOp::Kind::up_sampling2d; return op;
        case LayerKind::reshape:
        case LayerKind::flatten: op.kind = FoldedOp::Kind::reshape; return op;
        case LayerKind::concatenate: op.kind = FoldedOp::Kind::concatenate; return op;
        case LayerKind::add: op.kind = FoldedOp::Kind::add; return op;
        case LayerKind::multiply: op.kind = FoldedOp::Kind::multiply; return op;
        case LayerKind::embedding: {
            op.kind = FoldedOp::Kind::embedding;
            const auto table = w.find(i, WeightRole::embeddings);
            op.kernel.assign(table.begin(), table.end());
            return op;
        }
        case LayerKind::zero_padding2d: op.kind = FoldedOp::Kind::zero_padding2d; return op;
        case LayerKind::cropping2d: op.kind = FoldedOp::Kind::cropping2d; return op;
        case LayerKind::reflection_padding2d:
        case LayerKind::replication_padding2d:
        case LayerKind::depth_to_space:
        case LayerKind::space_to_depth:
        case LayerKind::prelu:
        case LayerKind::group_normalization:
            throw Error(fmt::format("the peers' translation has no {} yet (layer {})", keras_class_name(l.kind), i));
    }
    __builtin_unreachable();  // every kind has its case above
}

// Scales output channel f of a kernel in Keras layout by scale[f].
void scale_output_channels(FoldedOp& op, const std::vector<float>& scale) {
    const std::size_t f = scale.size();
    // Output channels are the last axis, except Conv2DTranspose's [kh, kw, out, in].
    const std::size_t inner = op.kind == FoldedOp::Kind::conv2d_transpose ? op.layer.input_shape.channels() : 1;
    for (std::size_t i = 0; i < op.kernel.size(); ++i) op.kernel[i] *= scale[(i / inner) % f];
}

}  // namespace

float Eltwise::operator()(float x) const {
    return fn == Fn::leaky_relu ? leaky_relu(x, alpha) : activate(fn, x);
}

FoldedModel fold_for_peers(const WeightStore& w) {
    const ModelSpec& m = w.model();
    const std::vector<std::string> names = keras_layer_names(m);
    const std::vector<std::size_t> readers = readers_of(m).count;

    std::vector<FoldedOp> ops;
    std::vector<std::size_t> op_readers;  // per op: how many read its output
    std::vector<TensorRef> value(m.layers.size());  // per layer: the op (or model input) holding its output
    auto input = [&](const LayerSpec& l, std::size_t j) {
        const TensorRef r = l.inbound[j];
        return r.model_input ? r : value[r.index];
    };
    // The op layer i may fuse into: the one it alone reads.
    auto sole_op = [&](const LayerSpec& l) -> FoldedOp* {
        const TensorRef r = input(l, 0);
        if (l.inbound_count != 1 || r.model_input || op_readers[r.index] != 1) return nullptr;
        return &ops[r.index];
    };
    // Layer i's output is its input's (Dropout, a linear Activation, a fused layer).
    auto rebind = [&](std::size_t i) {
        value[i] = input(m.layers[i], 0);
        if (!value[i].model_input) op_readers[value[i].index] += readers[i] - 1;
    };
    auto is_kernel = [](const FoldedOp& op) {
        return op.kind == FoldedOp::Kind::dense || op.kind == FoldedOp::Kind::conv2d ||
               op.kind == FoldedOp::Kind::conv2d_transpose;
    };
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
        const LayerSpec& l = m.layers[i];
        std::optional<FoldedOp> op = own_op(w, i);
        if (!op) {
            rebind(i);
            continue;
        }
        FoldedOp* producer = sole_op(l);
        // A BatchNormalization right after a kernel without activation folds into it.
        if (op->kind == FoldedOp::Kind::scale_shift && producer && is_kernel(*producer) && producer->post.empty()) {
            scale_output_channels(*producer, op->scale);
            for (std::size_t f = 0; f < producer->bias.size(); ++f)
                producer->bias[f] = producer->bias[f] * op->scale[f] + op->shift[f];
            producer->name += " + " + names[i];
            rebind(i);
            continue;
        }
        // Activations join the kernel (or activation) op they alone follow.
        if (op->kind == FoldedOp::Kind::eltwise && producer &&
            (is_kernel(*producer) || producer->kind == FoldedOp::Kind::eltwise)) {
            producer->post.push_back(op->post.front());
            producer->name += " + " + names[i];
            producer->output_shape = l.output_shape;
            rebind(i);
            continue;
        }
        op->layer = l;
        op->name = names[i];
        op->output_shape = l.output_shape;
        for (std::size_t j = 0; j < l.inbound_count; ++j) {
            op->inputs.push_back(input(l, j));
            op->input_shapes.push_back(m.shape_of(l.inbound[j]));
        }
        if (op->kind == FoldedOp::Kind::dense && l.input_shape.is_image()) {
            op->kind = FoldedOp::Kind::conv2d;  // same kernel layout, [1, 1, in, out]
            op->layer.kind = LayerKind::conv2d;
            op->layer.kernel_size = {1, 1};
            op->layer.strides = {1, 1};
            op->layer.padding = Padding::valid;
        }
        value[i] = TensorRef{false, ops.size()};
        ops.push_back(std::move(*op));
        op_readers.push_back(readers[i]);
    }
    return {std::move(ops), m.layers.empty() ? TensorRef{true, 0} : value.back()};
}

Pads conv2d_pads(const LayerSpec& l) {
    const long th = long(shape_rules::conv_padding(long(l.input_shape.height()), long(l.output_shape.height()),
                                                   l.kernel_size.rows, l.strides.rows, l.padding));
    const long tw = long(shape_rules::conv_padding(long(l.input_shape.width()), long(l.output_shape.width()),
                                                   l.kernel_size.cols, l.strides.cols, l.padding));
    return {th / 2, th - th / 2, tw / 2, tw - tw / 2};
}

Pads conv2d_transpose_crops(const LayerSpec& l) {
    if (l.output_padding.given) throw Error("peers: a Conv2DTranspose with output_padding is not expressed here");
    const long full_h = long(l.input_shape.height() - 1) * l.strides.rows + l.kernel_size.rows;
    const long full_w = long(l.input_shape.width() - 1) * l.strides.cols + l.kernel_size.cols;
    const long top = long(shape_rules::conv_transpose_crop_before(l.kernel_size.rows, l.strides.rows, l.padding));
    const long left = long(shape_rules::conv_transpose_crop_before(l.kernel_size.cols, l.strides.cols, l.padding));
    return {top, full_h - long(l.output_shape.height()) - top, left,
            full_w - long(l.output_shape.width()) - left};
}

}  // namespace ganforge::bench
