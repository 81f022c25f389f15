// ModelSpec -> steps: which layers fuse into which kernel, what folds into
// weights, what becomes an epilogue, and where each tensor lives (a
// Concatenate's operands in their slices, merges in place, crops as views;
// lowered.hpp), which the buffer plan lays out. Here the walk over the
// layers and the steps' names; each family of layers in its lower_*.cpp.
#include "codegen/lowering.hpp"

#include <fmt/format.h>

#include "codegen/lowered.hpp"

namespace ganforge::codegen {

Plan plan_buffers(Lowered lowered, const ModelSpec& model, const PlanOptions& options);  // buffer_plan.cpp

namespace {

std::string op_text(const PointwiseOp& op, const ModelSpec& model) {
    switch (op.kind) {
        case PointwiseOp::Kind::activation:
            return op.activation == Activation::relu ? "ReLU" : std::string(enumerator_name(op.activation));
        case PointwiseOp::Kind::leaky_relu: return fmt::format("LeakyReLU({})", op.alpha);
        case PointwiseOp::Kind::scale_shift:
        case PointwiseOp::Kind::prelu: return std::string(keras_class_name(model.layers[op.layer].kind));
    }
    return "?";
}

Lowered lower(const ModelSpec& model, const PlanOptions& options) {
    Lowering lo(model, options);
    lower_inputs(lo);
    for (std::size_t i = 0; i < model.layers.size(); ++i)
        if (!lo.done[i]) lower_layer(lo, i);
    lower_output(lo);
    StepGraph& g = lo.graph;
    for (std::size_t k = 0; k < g.step_count(); ++k) {
        Step& s = g.step(k);
        std::string name = g.head(k);
        if (const auto* lin = linear_source(s)) {
            for (std::size_t bn : lin->folded) name += fmt::format(" + {} (folded)", lo.names[bn]);
            if (lin->adds_to_output)
                name += fmt::format(" + {} (added to what the output holds)", lo.names[lin->added_by]);
        }
        for (const PointwiseOp& op : s.epilogue) name += " + " + op_text(op, model);
        s.name = std::move(name);
    }
    return std::move(g).release();
}

}  // namespace

Lowering::Lowering(const ModelSpec& model, const PlanOptions& options)
    : model(model), names(keras_layer_names(model)), layer_readers(readers_of(model)),
      channels_first(options.layout == TensorLayout::nchw), any_size(options.any_size), value(model.layers.size(), no_index),
      done(model.layers.size(), false) {
    if (options.collapse_affine_chains) collapses = affine_collapses(model, layer_readers);
}

std::size_t Lowering::input_of(std::size_t i, std::size_t j) const {
    const TensorRef r = model.layers[i].inbound[j];
    return r.model_input ? inputs[r.index] : value[r.index];
}

void Lowering::bind(std::size_t i, std::size_t t) {
    value[i] = t;
    graph.readers(t) += layer_readers.count[i];
}

void Lowering::rebind(std::size_t i, std::size_t t) {
    value[i] = t;
    graph.readers(t) += layer_readers.count[i] - 1;
}

std::optional<std::size_t> Lowering::sole_reader(std::size_t k) const {
    if (layer_readers.count[k] != 1 || layer_readers.layers[k].size() != 1) return std::nullopt;
    const std::size_t r = layer_readers.layers[k].front();
    if (model.layers[r].inbound_count != 1) return std::nullopt;
    return r;
}

bool Lowering::starts_collapse(std::size_t i) const {
    for (const LayerRange& r : collapses)
        if (r.first == i) return true;
    return false;
}

void lower_layer(Lowering& lo, std::size_t i) {
    for (const LayerRange& r : lo.collapses)
        if (r.first == i) return lower_affine_chain(lo, r);
    const LayerSpec& l = lo.model.layers[i];
    lo.done[i] = true;
    switch (l.kind) {
        case LayerKind::reshape:
        case LayerKind::flatten: return lower_reshape(lo, i);
        case LayerKind::dropout: return lo.rebind(i, lo.input_of(i));
        case LayerKind::relu: return lower_pointwise(lo, {PointwiseOp::Kind::activation, Activation::relu, 0.0f, i}, i);
        case LayerKind::activation:
            if (l.activation == Activation::linear) return lo.rebind(i, lo.input_of(i));
            return lower_pointwise(lo, activation_op(l.activation, i), i);
        case LayerKind::leaky_relu:
            return lower_pointwise(lo, {PointwiseOp::Kind::leaky_relu, Activation::linear, l.alpha, i}, i);
        case LayerKind::batch_normalization:
        case LayerKind::rescaling:
            return lower_pointwise(lo, {PointwiseOp::Kind::scale_shift, Activation::linear, 0.0f, i}, i);
        case LayerKind::prelu: return lower_prelu(lo, i);
        case LayerKind::group_normalization: return lower_group_normalization(lo, i);
        case LayerKind::dense: return lower_dense(lo, i);
        case LayerKind::conv2d:
        case LayerKind::conv2d_transpose: return lower_convolution(lo, i, std::nullopt);
        case LayerKind::up_sampling2d: return lower_upsampling(lo, i);
        case LayerKind::concatenate: return lower_concatenate(lo, i);
        case LayerKind::add: return lower_merge(lo, i, false);
        case LayerKind::multiply: return lower_merge(lo, i, true);
        case LayerKind::embedding: return lower_embedding(lo, i);
        case LayerKind::zero_padding2d: return lower_zero_padding(lo, i);
        case LayerKind::cropping2d: return lower_cropping(lo, i);
        case LayerKind::reflection_padding2d:
        case LayerKind::replication_padding2d:
        case LayerKind::depth_to_space:
        case LayerKind::space_to_depth: return lower_remap(lo, i);
    }
}

Plan make_plan(const ModelSpec& model, const PlanOptions& options) {
    return plan_buffers(lower(model, options), model, options);
}

}  // namespace ganforge::codegen
