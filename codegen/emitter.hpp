// Shared pieces of the emitters: each step kind has its own file
// (emit_dense_gemm.cpp, emit_tap_convolution.cpp, emit_upsample_nearest.cpp,
// emit_upsample_bilinear.cpp, emit_pointwise.cpp for pointwise steps and
// merges, emit_gather.cpp, emit_zero_border.cpp, emit_remap.cpp,
// emit_group_norm.cpp); the register tiles and
// epilogues they share are in emit_tiles.cpp and emit_epilogue.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "codegen/code_writer.hpp"
#include "codegen/isa_target.hpp"
#include "codegen/plan.hpp"

namespace ganforge::codegen {

// What a step's emitter sees.
struct StepContext {
    const Step& step;
    const StepSchedule& schedule;
    const IsaTarget& isa;
    std::size_t index;
    // The network's any-size kernels (predict_image): one image, channels
    // last, the extents and strides in the run-time geometry `g`
    // (support::AnyStep), a band of output rows per call.
    bool any_size = false;
};

// How a step's code names its geometry: numbers of the size it was planned
// at, or the fields of `g` in an any-size kernel (step_dims.cpp).
struct StepDims {
    std::string in_rows, in_cols, out_rows, out_cols;
    std::string in_image, in_row, in_pixel, out_image, out_row, out_pixel;
};
StepDims step_dims(const StepContext& c);

// Opens a step's run function: run_signature (run_signature_of its schedule
// when `parts`), or an any-size kernel's, which runs one image
// (`batch` is 1) and defines the band [lo, hi) of `band_rows` (an
// expression: the rows its parts divide) that its parts [first, end) cover.
void open_run(CodeWriter& w, const StepContext& c, std::string_view band_rows = "g.out_rows", bool parts = false);

// The any-size kernel's signature.
inline constexpr std::string_view any_run_signature =
    "void run([[maybe_unused]] const float* P, [[maybe_unused]] const ganforge::codegen::support::AnyStep& g, "
    "[[maybe_unused]] const float* in, [[maybe_unused]] float* out, [[maybe_unused]] std::size_t first, "
    "[[maybe_unused]] std::size_t end)";

// Each writes `namespace step<i> { ...; void run(const float* P, const float*
// in, float* out, std::size_t batch) }` for one step on one ISA (with the
// parameters `first, end` too when the step has several parts); P is the
// packed weights.
void emit_dense_gemm(CodeWriter& w, const StepContext& c);
void emit_tap_convolution(CodeWriter& w, const StepContext& c);
void emit_upsample_nearest(CodeWriter& w, const StepContext& c);
void emit_upsample_bilinear(CodeWriter& w, const StepContext& c);
void emit_pointwise(CodeWriter& w, const StepContext& c);
void emit_merge(CodeWriter& w, const StepContext& c);
void emit_gather(CodeWriter& w, const StepContext& c);
void emit_zero_border(CodeWriter& w, const StepContext& c);
void emit_remap(CodeWriter& w, const StepContext& c);
void emit_group_norm(CodeWriter& w, const StepContext& c);
// A convolution's any-size kernel (StepContext::any_size): its regions and
// phases from the run-time geometry, row by row in register tiles of
// consecutive outputs along the row.
void emit_any_convolution(CodeWriter& w, const StepContext& c);

// The lanes each SIMD vector of a filter block holds of `filters` outputs:
// all, or fewer in the last block when the blocks do not divide them.
std::vector<int> block_lanes(const StepContext& c, std::size_t filters, bool last);

// A register tile over output channels: pixels x vectors of filters, one
// input value broadcast per pixel and reduction step. The function it
// writes: `name(x, w, P, f0, y[, taps, tap_count])` with x, y at the tile's
// first pixel, w at the filter block's weights, f0 the block's first filter
// (for the bias and epilogue tables in P).
struct WideTile {
    std::string name;
    std::vector<long> in_offsets, out_offsets;  // per pixel, in floats
    std::size_t reduction = 0;    // input channels per tap
    std::size_t block_width = 0;  // floats per reduction step of the weights
    std::vector<int> valid;       // lanes written per vector (all, or fewer in a last block)
    bool tap_table = true;        // reduce over a table of taps, else one tap at offset 0
    // Add to the outputs instead (`name(x, w, y)`, one tap, no bias, no
    // epilogue): a tap-major convolution's tiles.
    bool accumulate = false;
    // Floats between neighbouring channels of the input and of the output: 1,
    // or a model image's rows x columns when the caller holds it channels
    // first (then the tile neither accumulates nor adds to its outputs).
    long in_channel = 1, out_channel = 1;
};
void emit_wide_tile(CodeWriter& w, const StepContext& c, const WideTile& tile);

// Stores the first `valid` lanes of vector `v` at `ptr`, `ptr + stride`, ...
// (one channel per lane, into an image held channels first).
void emit_strided_store(CodeWriter& w, const IsaTarget& t, std::string_view ptr, std::string_view v, int valid,
                        long stride);

// A register tile over input channels: pixels x output channels, each a
// vector of partial sums reduced at the end. `name(x, w, P, y[, taps, tap_count])`.
struct NarrowTile {
    std::string name;
    std::vector<long> in_offsets, out_offsets;
    std::size_t reduction = 0;        // input channels
    std::size_t reduction_padded = 0; // the weights' stride per output channel
    std::size_t outputs = 0;
    bool tap_table = true;
};
void emit_narrow_tile(CodeWriter& w, const StepContext& c, const NarrowTile& tile);

// A line of pixels along one axis of a phase, over input channels (few
// output channels): the taps along that axis slide over the line, so each
// input vector is loaded once for every tap and pixel that reads it; the
// taps along the other axis come from a table. `name(x, w, P, y, taps,
// tap_count)`, w at the first sliding tap of the table's first entry.
struct NarrowLine {
    std::string name;
    int pixels = 1;
    long in_stride = 0, out_stride = 0;  // floats between neighbouring pixels
    std::vector<long> tap_inputs;        // per sliding tap: input offset (floats)
    std::vector<long> tap_weights;       // per sliding tap: weights offset (floats)
    std::size_t reduction = 0, reduction_padded = 0, outputs = 0;
    long out_channel = 1;  // floats between output channels (an image held channels first: rows x columns)
    long next_line = 0;    // floats from a line's input to the next line's along the table's axis
    std::size_t table_entries = 0;  // the most taps a table of its calls holds
};
void emit_narrow_line(CodeWriter& w, const StepContext& c, const NarrowLine& line);

// The step's epilogue on vectors `vars`; vector i holds channels starting at
// the expression channels[i] (used to index the scale/shift tables).
void emit_vector_epilogue(CodeWriter& w, const StepContext& c, const std::vector<std::string>& vars,
                          const std::vector<std::string>& channels);

// The step's epilogue on `count` floats of array `values`, whose element i
// has channel i % channel_period (plus channel_base, an expression). The
// array holds whole vectors: count rounded up to the vector width.
void emit_scalar_epilogue(CodeWriter& w, const StepContext& c, std::string_view values, int count,
                          int channel_period, std::string_view channel_base);

// Loads `count` floats (a constant) from `src`, whole vectors then a masked
// tail, merges them into what the first of `dsts` holds when `merge` is
// given, applies the step's epilogue (channel k of the run at table index k)
// and stores them at every pointer of `dsts`.
void emit_vector_copy(CodeWriter& w, const StepContext& c, const std::vector<std::string>& dsts,
                      std::string_view src, std::size_t count, const Merge* merge = nullptr);

// A wide linear step's run function body: its filter blocks, of which the
// first `full_blocks` are `block(P, <args>, fb)` (args: input, output and
// count) and, when `partial`, the last is `block_last`; those in
// [first, end) when the step has several parts (its run function then has
// run_parts_signature).
void emit_filter_blocks(CodeWriter& w, const StepContext& c, std::string_view args, std::size_t full_blocks,
                        bool partial);

// The weights' source of a linear step.
const LinearSource& linear_source(const Step& step);

// The signature of a step's run function when the step runs whole
// (StepSchedule::parts is 1), and when it runs its parts [first, end).
inline constexpr std::string_view run_signature =
    "void run(const float* P, const float* in, float* out, std::size_t batch)";
inline constexpr std::string_view run_parts_signature =
    "void run(const float* P, const float* in, float* out, std::size_t batch, std::size_t first, std::size_t end)";
inline std::string_view run_signature_of(const StepSchedule& s) {
    return s.parts > 1 ? run_parts_signature : run_signature;
}

}  // namespace ganforge::codegen
