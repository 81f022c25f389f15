// Runs of affine layers (no nonlinearity between) that the code generator
// collapses into one matrix, and the graph facts lowering needs about them.
#pragma once

#include <cstddef>
#include <vector>

#include <ganforge/core/model_spec.hpp>

namespace ganforge::codegen {

// Layers first..last, collapsed into one step.
struct LayerRange {
    std::size_t first, last;
};

// The runs worth collapsing: linked layers (each the one reader of the one
// before), all affine but the last, which may be a linear layer with an
// activation (the collapsed step's epilogue), when that at least halves the
// estimated time at batch 1 and at a full chunk; and each transposed
// convolution on a one-pixel input, alone, a matrix product as it is.
std::vector<LayerRange> affine_collapses(const ModelSpec& m, const Readers& r);

}  // namespace ganforge::codegen
