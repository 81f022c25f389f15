// The planner: ModelSpec -> Plan (steps and buffers, ISA-independent) ->
// IsaPlan (kernels, register tiles and packed-weight layout for one ISA).
#pragma once

#include <cstddef>

#include "codegen/plan.hpp"
#include <ganforge/core/model_spec.hpp>
#include <ganforge/runtime/tensor_layout.hpp>

namespace ganforge::codegen {

struct PlanOptions {
    // Collapse a run of affine layers (no nonlinearity between) into one
    // matrix when that at least halves its estimated time (compute, or
    // streaming the weights) at batch 1 and at a full chunk.
    bool collapse_affine_chains = true;
    // Most images a pass through the steps holds; bigger batches are tiled.
    std::size_t max_chunk = 16;
    // Most scratch floats one chunk may use (the chunk shrinks to fit).
    std::size_t max_arena_floats = std::size_t(1) << 23;
    // How the caller holds the model's images (inputs and output): channels
    // last, as ganforge computes, or first (PyTorch's NCHW). Channels first,
    // the convolutions at the edges read and write them in place (the layout
    // change costs no pass of its own); a step at an edge that cannot gets a
    // transposing copy.
    TensorLayout layout = TensorLayout::nhwc;
};

// The default code-size budget: register-tile calls a step may spell out.
inline constexpr std::size_t default_code_budget = 256;

struct ScheduleOptions {
    // CODE_BUDGET: the most register-tile calls one step's kernel spells out.
    // A step whose tiles fit is unrolled completely (every offset a literal);
    // a larger one keeps constant-trip-count loops around its tiles.
    std::size_t code_budget = default_code_budget;
};

// Steps (fusion, folding, phase split, epilogues) and the buffer plan.
// Throws ganforge::Error if the model's shapes are not inferred.
Plan make_plan(const ModelSpec& model, const PlanOptions& options = {});

// How `isa` runs `plan`.
IsaPlan schedule(const Plan& plan, Isa isa, const ScheduleOptions& options = {});

}  // namespace ganforge::codegen
