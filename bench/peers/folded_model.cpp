#include <ganforge/bench/peers/folded_model.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_inference.hpp>
#include <ganforge/runtime/activation.hpp>

namespace ganforge::bench {
namespace {

std::optional<Eltwise> as_eltwise(Activation a) {
    using Fn = Eltwise::Fn;
    switch (a) {
        case Activation::linear: return std::nullopt;
        case Activation::relu: return Eltwise{Fn::relu};
        case Activation::sigmoid: return Eltwise{Fn::sigmoid};
        case Activation::tanh: return Eltwise{Fn::tanh};
        case Activation::elu: return Eltwise{Fn::elu};
        case Activation::selu: return Eltwise{Fn::selu};
        case Activation::softplus: return Eltwise{Fn::softplus};
        case Activation::softsign: return Eltwise{Fn::softsign};
        case Activation::swish: return Eltwise{Fn::swish};
        case Activation::exponential: return Eltwise{Fn::exponential};
    }
    return std::nullopt;
}

// The elementwise function of an activation layer; nothing for a linear
// Activation layer.
std::optional<Eltwise> layer_eltwise(const LayerSpec& l) {
    if (l.kind == LayerKind::relu) return Eltwise{Eltwise::Fn::relu};
    if (l.kind == LayerKind::leaky_relu) return Eltwise{Eltwise::Fn::leaky_relu, l.alpha};
    return as_eltwise(l.activation);
}

bool is_activation_layer(LayerKind k) {
    return k == LayerKind::relu || k == LayerKind::leaky_relu || k == LayerKind::activation;
}

// BatchNormalization as y = x * scale + shift per channel.
void batch_norm_affine(const WeightStore& w, std::size_t index, std::vector<float>& scale,
                       std::vector<float>& shift) {
    const LayerSpec& bn = w.model().layers[index];
    const auto gamma = w.find(index, WeightRole::gamma), beta = w.find(index, WeightRole::beta);
    const auto mean = w.find(index, WeightRole::moving_mean);
    const auto var = w.find(index, WeightRole::moving_variance);
    const std::size_t c = bn.input_shape.channels();
    scale.resize(c);
    shift.resize(c);
    for (std::size_t i = 0; i < c; ++i) {
        scale[i] = (gamma.empty() ? 1.0f : gamma[i]) / std::sqrt(var[i] + bn.epsilon);
        shift[i] = (beta.empty() ? 0.0f : beta[i]) - mean[i] * scale[i];
    }
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
    switch (fn) {
        case Fn::relu: return activate(Activation::relu, x);
        case Fn::leaky_relu: return leaky_relu(x, alpha);
        case Fn::sigmoid: return activate(Activation::sigmoid, x);
        case Fn::tanh: return activate(Activation::tanh, x);
        case Fn::elu: return activate(Activation::elu, x);
        case Fn::selu: return activate(Activation::selu, x);
        case Fn::softplus: return activate(Activation::softplus, x);
        case Fn::softsign: return activate(Activation::softsign, x);
        case Fn::swish: return activate(Activation::swish, x);
        case Fn::exponential: return activate(Activation::exponential, x);
    }
    return x;
}

std::vector<FoldedOp> fold_for_peers(const WeightStore& w) {
    const ModelSpec& m = w.model();
    const std::vector<std::string> names = keras_layer_names(m);
    std::vector<FoldedOp> ops;
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
        const LayerSpec& l = m.layers[i];
        if (l.kind == LayerKind::dropout) continue;
        FoldedOp op;
        op.layer = l;
        op.name = names[i];
        op.output_shape = l.output_shape;
        switch (l.kind) {
            case LayerKind::dense:
            case LayerKind::conv2d:
            case LayerKind::conv2d_transpose: {
                op.kind = l.kind == LayerKind::dense ? FoldedOp::Kind::dense
                        : l.kind == LayerKind::conv2d ? FoldedOp::Kind::conv2d
                                                      : FoldedOp::Kind::conv2d_transpose;
                if (op.kind == FoldedOp::Kind::dense && l.input_shape.is_image()) {
                    op.kind = FoldedOp::Kind::conv2d;  // same kernel layout, [1, 1, in, out]
                    op.layer.kind = LayerKind::conv2d;
                    op.layer.kernel_size = {1, 1};
                    op.layer.strides = {1, 1};
                    op.layer.padding = Padding::valid;
                }
                const auto kernel = w.find(i, WeightRole::kernel), bias = w.find(i, WeightRole::bias);
                op.kernel.assign(kernel.begin(), kernel.end());
                op.bias.assign(std::size_t(l.units), 0.0f);
                std::copy(bias.begin(), bias.end(), op.bias.begin());
                if (auto e = as_eltwise(l.activation)) op.post.push_back(*e);
                // A BatchNormalization right after a kernel without activation folds into it.
                if (op.post.empty() && i + 1 < m.layers.size() &&
                    m.layers[i + 1].kind == LayerKind::batch_normalization) {
                    ++i;
                    std::vector<float> scale, shift;
                    batch_norm_affine(w, i, scale, shift);
                    scale_output_channels(op, scale);
                    for (std::size_t f = 0; f < op.bias.size(); ++f)
                        op.bias[f] = op.bias[f] * scale[f] + shift[f];
                    op.name += " + " + names[i];
                }
                break;
            }
            case LayerKind::batch_normalization:
                op.kind = FoldedOp::Kind::scale_shift;
                batch_norm_affine(w, i, op.scale, op.shift);
                break;
            case LayerKind::up_sampling2d:
                op.kind = FoldedOp::Kind::up_sampling2d;
                break;
            case LayerKind::reshape:
            case LayerKind::flatten:
                op.kind = FoldedOp::Kind::reshape;
                break;
            case LayerKind::relu:
            case LayerKind::leaky_relu:
            case LayerKind::activation:
                op.kind = FoldedOp::Kind::eltwise;
                if (auto e = layer_eltwise(l)) op.post.push_back(*e);
                break;
            case LayerKind::dropout:
                break;
            case LayerKind::concatenate:
            case LayerKind::add:
            case LayerKind::multiply:
            case LayerKind::embedding:
            case LayerKind::zero_padding2d:
            case LayerKind::cropping2d:
                throw Error(fmt::format("{} ({}): the peers do not build this layer yet", names[i],
                                        keras_class_name(l.kind)));
        }
        // The activations that follow (Dropout between them is the identity).
        const bool takes_post = op.kind != FoldedOp::Kind::reshape &&
                                op.kind != FoldedOp::Kind::scale_shift &&
                                op.kind != FoldedOp::Kind::up_sampling2d;
        if (takes_post)
            while (i + 1 < m.layers.size() && (is_activation_layer(m.layers[i + 1].kind) ||
                                               m.layers[i + 1].kind == LayerKind::dropout)) {
                ++i;
                if (auto e = layer_eltwise(m.layers[i]); e && m.layers[i].kind != LayerKind::dropout) {
                    op.post.push_back(*e);
                    op.name += " + " + names[i];
                }
            }
        op.output_shape = m.layers[i].output_shape;
        if (op.kind == FoldedOp::Kind::eltwise && op.post.empty()) continue;  // linear Activation
        ops.push_back(std::move(op));
    }
    return ops;
}

Pads conv2d_pads(const LayerSpec& l) {
    const long th = long(shape_rules::conv_padding(long(l.input_shape.height()), long(l.output_shape.height()),
                                                   l.kernel_size.rows, l.strides.rows, l.padding));
    const long tw = long(shape_rules::conv_padding(long(l.input_shape.width()), long(l.output_shape.width()),
                                                   l.kernel_size.cols, l.strides.cols, l.padding));
    return {th / 2, th - th / 2, tw / 2, tw - tw / 2};
}

Pads conv2d_transpose_crops(const LayerSpec& l) {
    const long full_h = long(l.input_shape.height() - 1) * l.strides.rows + l.kernel_size.rows;
    const long full_w = long(l.input_shape.width() - 1) * l.strides.cols + l.kernel_size.cols;
    const long top = long(shape_rules::conv_transpose_crop_before(l.kernel_size.rows, l.strides.rows, l.padding));
    const long left = long(shape_rules::conv_transpose_crop_before(l.kernel_size.cols, l.strides.cols, l.padding));
    return {top, full_h - long(l.output_shape.height()) - top, left,
            full_w - long(l.output_shape.width()) - left};
}

}  // namespace ganforge::bench
