// What lowering hands the buffer plan: the steps, and for each step the
// tensor it reads and the tensor it writes, as places in storages. A storage
// is a dense block per image (a step's output, a Concatenate's or a
// ZeroPadding2D's result, a model input); it may itself be placed inside
// another (an operand written straight into its slice of a Concatenate).
// The buffer plan lays the outermost storages out by liveness.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

#include "codegen/plan.hpp"

namespace ganforge::codegen {

inline constexpr std::size_t no_index = std::numeric_limits<std::size_t>::max();

struct Storage {
    Shape shape;
    BufferRef::Where where = BufferRef::Where::arena;
    std::size_t input = 0;          // Where::input: which model input
    std::size_t parent = no_index;  // placed inside this storage
    std::size_t offset = 0;         // at this offset of the parent, in the parent's dense coordinates
    // Read as dense (by a step that needs it so, or a Reshape that reuses
    // it): its place may not change any more.
    bool pinned = false;
    // Every step writing it can write through strides: it may be placed.
    bool strided_writers = true;
    // A model input or the output the caller holds channels first: its
    // tensors are channel-strided (BufferRef::channel).
    bool channels_first = false;
};

// A tensor of the graph: `shape` at `offset` of its storage, rows, pixels
// and channels `row`, `pixel` and `channel` floats apart (the storage's own
// strides, except for a Reshape's view of a pinned storage).
struct Tensor {
    Shape shape;
    std::size_t storage = 0;
    std::size_t offset = 0;
    std::size_t row = 0, pixel = 0, channel = 1;
};

struct Lowered {
    std::vector<Step> steps;
    std::vector<Storage> storages;
    std::vector<Tensor> tensors;
    std::vector<std::size_t> step_in, step_out;  // tensors; step_in is no_index for ZeroBorder
};

}  // namespace ganforge::codegen
