// What a generated network's any-size kernels read at run time: the
// geometry of one step at the image size of the call (extents, strides in
// floats, a convolution's phases and the taps each region of a phase sees).
// Plain aggregates, laid out by the planner (any_size_runner.hpp) once per
// size; everything else about the step (channels, weights, epilogue,
// register tiles) is a constant of the kernel. Images are channels last.
#pragma once

#include <cstddef>

namespace ganforge::codegen::support {

// One tap of a convolution's region: input offset (floats) from an output's
// first input pixel, and packed-weights offset from its phase and filter block.
struct Tap {
    int x;
    int w;
};

// Output positions [row_begin, row_end) x [col_begin, col_end) of a phase's
// grid that read the same taps.
struct AnyRegion {
    long row_begin, row_end, col_begin, col_end;
    const Tap* taps;
    int tap_count;
};

// A phase of a convolution: its grid of rows x cols outputs, the first at
// `out` floats into the output, neighbours out_row / out_col floats apart;
// input in_row / in_col floats apart between neighbouring outputs.
struct AnyPhase {
    long rows, cols;
    long out, out_row, out_col;
    long in_row, in_col;
    const AnyRegion* regions;
    int region_count;
};

// UpSampling2D (bilinear): each output row's (column's) two source offsets
// in floats and the weight of the second.
struct AnyBilinearAxis {
    const long* lo;
    const long* hi;
    const float* frac;
};

struct AnyStep {
    long in_rows, in_cols, out_rows, out_cols;
    long in_row, in_pixel, out_row, out_pixel;  // floats between rows and pixels
    const AnyPhase* phases;  // a convolution's, in the planner's order
    int phase_count;
    AnyBilinearAxis bilinear_rows, bilinear_cols;
    // The step's independent pieces of work [first, end) (bands of output
    // rows), which threads share.
    std::size_t parts;
};

// A step's any-size kernel on one image: its parts [first, end).
using AnyStepFunction = void (*)(const float* P, const AnyStep& g, const float* in, float* out, std::size_t first,
                                 std::size_t end);

}  // namespace ganforge::codegen::support
