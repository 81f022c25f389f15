// The planner: ModelSpec -> Plan (steps and buffers, ISA-independent) ->
// IsaPlan (kernels, register tiles and packed-weight layout for one ISA).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

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
    // Plan for every image size alike: no choice that follows the extents
    // (a 1x1 image's pixels are re-strided against cache aliasing as any
    // other's), so that the plan at one size has the steps of every other.
    bool any_size = false;
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

// The plan of a generated network's any-size path (predict_image), at the
// declared size when generating and at each call's size at run time: one
// image at a time, channels last, no chain collapsed (a collapsed matrix's
// size follows the image).
inline PlanOptions any_size_plan_options() {
    PlanOptions o;
    o.collapse_affine_chains = false;
    o.max_chunk = 1;
    o.max_arena_floats = std::size_t(-1);
    o.layout = TensorLayout::nhwc;
    o.any_size = true;
    return o;
}

// What of `plan` the generated kernels hold as constants, but for the
// image's extents (plan_structure.cpp): equal for two sizes of one model when
// the code of one runs the other.
std::string plan_structure(const Plan& plan);
// Its 64-bit FNV-1a hash, which generated code holds.
std::uint64_t plan_structure_hash(const Plan& plan);

// How `isa` runs `plan`.
IsaPlan schedule(const Plan& plan, Isa isa, const ScheduleOptions& options = {});

}  // namespace ganforge::codegen
