// Lowering, ModelSpec -> steps, shared by its parts: which layers fuse into
// which kernel, what folds into weights, what becomes an epilogue, and where
// each tensor lives. lowering.cpp walks the layers and hands each to its
// family's file (lower_*.cpp), which adds steps and tensors to the graph.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "codegen/affine_collapse.hpp"
#include "codegen/planner.hpp"
#include "codegen/step_graph.hpp"
#include <ganforge/core/model_spec.hpp>

namespace ganforge::codegen {

// What lowering knows of the model and has built so far.
struct Lowering {
    Lowering(const ModelSpec& model, const PlanOptions& options);

    // The tensor layer i reads as its j-th input.
    std::size_t input_of(std::size_t i, std::size_t j = 0) const;

    // Layer i's output is tensor t.
    void bind(std::size_t i, std::size_t t);

    // Layer i's output is the very tensor it reads (Dropout, a pointwise
    // layer fused into the producer): its readers replace it among t's.
    void rebind(std::size_t i, std::size_t t);

    // The layer that alone reads layer k's output, reading nothing else.
    std::optional<std::size_t> sole_reader(std::size_t k) const;

    bool starts_collapse(std::size_t i) const;

    const ModelSpec& model;
    std::vector<std::string> names;
    Readers layer_readers;
    std::vector<LayerRange> collapses;
    bool channels_first;  // the caller holds the model's images channels first
    bool any_size;        // PlanOptions::any_size
    StepGraph graph;
    std::vector<std::size_t> inputs;  // the model inputs' tensors
    std::vector<std::size_t> value;   // per layer: its output's tensor
    std::vector<bool> done;           // per layer: lowered (some are, ahead of their turn)
    std::map<std::size_t, std::size_t> unaliased_copies;  // tensor -> its copy with spread pixels
};

// Layer i, by its kind (lowering.cpp).
void lower_layer(Lowering& lo, std::size_t i);

// The model's edges: its inputs' tensors, and the last layer's in the output
// buffer, in the layout the caller holds them (lower_edges.cpp).
void lower_inputs(Lowering& lo);
void lower_output(Lowering& lo);

// The layers with weights: Dense, a collapsed affine chain, Conv2D or
// Conv2DTranspose (with what fuses into it) and Embedding (lower_linear.cpp).
void lower_dense(Lowering& lo, std::size_t i);
void lower_affine_chain(Lowering& lo, const LayerRange& r);
// Conv2D or Conv2DTranspose layer i, after the nearest UpSampling2D `up`,
// the ZeroPadding2D `pad` or the DepthToSpace `shuffle` if given (its input
// then reads theirs).
void lower_convolution(Lowering& lo, std::size_t i, std::optional<std::size_t> up,
                       std::optional<std::size_t> pad = std::nullopt, std::optional<std::size_t> shuffle = std::nullopt);
void lower_embedding(Lowering& lo, std::size_t i);

// A pointwise layer: into the producer's weights, its epilogue, or a step of
// its own (lower_pointwise.cpp).
void lower_pointwise(Lowering& lo, PointwiseOp op, std::size_t i);
// PReLU: one slope per channel, a pointwise op as above; slopes that vary
// over the image too, a step of its own over the tensor viewed flat.
void lower_prelu(Lowering& lo, std::size_t i);
// GroupNormalization: a step of its own (lower_normalization.cpp).
void lower_group_normalization(Lowering& lo, std::size_t i);

// Layers that move pixels: into the convolution that reads them, a view of
// their input, or a step of their own (lower_spatial.cpp).
void lower_reshape(Lowering& lo, std::size_t i);
void lower_upsampling(Lowering& lo, std::size_t i);
void lower_zero_padding(Lowering& lo, std::size_t i);
void lower_cropping(Lowering& lo, std::size_t i);
// DepthToSpace, SpaceToDepth, ReflectionPadding2D, ReplicationPadding2D:
// a Remap step.
void lower_remap(Lowering& lo, std::size_t i);

// Layers that join their inputs: Concatenate, Add and Multiply
// (lower_joins.cpp).
void lower_concatenate(Lowering& lo, std::size_t i);
void lower_merge(Lowering& lo, std::size_t i, bool multiply);

}  // namespace ganforge::codegen
