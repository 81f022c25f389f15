// The plan: what the generated code does for one model, with every constant
// fixed. The planner (lowering, phases, schedule, buffer plan) decides it from
// a ModelSpec; the emitters only print it. Tests check plans without
// compiling any generated code.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include <ganforge/codegen/isa.hpp>
#include <ganforge/core/layer_spec.hpp>

namespace ganforge::codegen {

// ---- Steps: the fused kernels a model runs, ISA-independent ----

// One pointwise operation of a step's epilogue, applied in order to every
// value the step writes.
struct PointwiseOp {
    enum class Kind { activation, leaky_relu, scale_shift, prelu };
    Kind kind = Kind::activation;
    Activation activation = Activation::linear;  // activation
    float alpha = 0.0f;                          // leaky_relu
    // The layer it comes from; for scale_shift the BatchNormalization or
    // Rescaling whose y = x * scale + shift it applies, for prelu the PReLU
    // whose slopes it applies (channel f uses the layer's f % C).
    std::size_t layer = 0;
};

// Layer `layer`'s activation `a` as an epilogue op: Keras' leaky_relu
// function is a LeakyReLU of its slope, which the epilogues already compute.
constexpr PointwiseOp activation_op(Activation a, std::size_t layer) {
    if (a == Activation::leaky_relu)
        return {PointwiseOp::Kind::leaky_relu, Activation::linear, leaky_relu_activation_slope, layer};
    return {PointwiseOp::Kind::activation, a, 0.0f, layer};
}

// The floats of packed tables an epilogue op reads per channel: scale and
// shift, one slope, or none.
constexpr std::size_t channel_tables(const PointwiseOp& op) {
    switch (op.kind) {
        case PointwiseOp::Kind::scale_shift: return 2;
        case PointwiseOp::Kind::prelu: return 1;
        case PointwiseOp::Kind::activation:
        case PointwiseOp::Kind::leaky_relu: return 0;
    }
    return 0;
}

// Where a linear step's weights come from.
struct LinearSource {
    enum class Kind {
        layer,         // `layer` (Dense, Conv2D, Conv2DTranspose) with `folded` BatchNormalizations
        affine_chain,  // layers first..last, all affine, collapsed into one matrix
    };
    Kind kind = Kind::layer;
    std::size_t layer = 0;
    std::vector<std::size_t> folded;
    std::size_t first = 0, last = 0;
    bool has_bias = false;  // a bias or folded shift: accumulators start from it, else from 0
    // An Add fused in (layer `added_by`): the output already holds the sum of
    // its other inputs, and the accumulators start from it (plus the bias).
    bool adds_to_output = false;
    std::size_t added_by = 0;
};

// A matrix product over the batch: (batch x rows) x k times k x n. Dense (on
// the last axis: rows = H*W for an image input) and a collapsed affine chain.
struct DenseGemm {
    std::size_t rows = 1, k = 0, n = 0;
    LinearSource source;
};

// One axis of a convolution-like step split into phases. Output index
// out_start + i * out_step (i < count) reads input index i * in_step + offset
// of each tap; a tap sums kernel rows (or columns) `sources`.
struct AxisTap {
    int offset = 0;
    std::vector<int> sources;
    // A DepthToSpace read through (TapConvolution::shuffle): the row (or
    // column) within its input pixel's block whose channels the tap reads.
    int block = 0;
};
// Output indices begin..end-1 of a phase that the same taps reach (`taps`
// indexes AxisPhase::taps); a border group has fewer taps than the interior.
struct AxisGroup {
    int begin = 0, end = 0;
    std::vector<int> taps;
};
struct AxisPhase {
    int out_start = 0, out_step = 1, count = 0, in_step = 1;
    std::vector<AxisTap> taps;
    std::vector<AxisGroup> groups;
};

// Conv2D, a Conv2DTranspose split by output phase (no multiply by an inserted
// zero) and UpSampling2D (nearest) + Conv2D fused (the low-resolution input
// convolved per output phase with pre-summed taps): all a set of phases
// (row phase x column phase), each a stride-in_step convolution over the
// input with taps known here.
struct TapConvolution {
    LayerKind kind = LayerKind::conv2d;  // conv2d (also when fused) or conv2d_transpose
    int upsample_rows = 1, upsample_cols = 1;  // a fused nearest UpSampling2D's size
    // A DepthToSpace of this block size read through (0: none): the
    // convolution reads the tensor before the shuffle, each tap the channels
    // of its block, as an upsampling by the block size whose taps are never
    // summed.
    int shuffle = 0;
    std::vector<AxisPhase> row_phases, col_phases;
    LinearSource source;
};

// The input offset (floats) of row tap `a` and column tap `b` from an
// output's first input pixel: their pixel (rows `row`, pixels `pixel` floats
// apart) and, through a DepthToSpace, their block's channels (`channels`
// floats a block).
inline long tap_input(const TapConvolution& c, const AxisTap& a, const AxisTap& b, long row, long pixel,
                      long channels) {
    return a.offset * row + b.offset * pixel + long(a.block * c.shuffle + b.block) * channels;
}

struct UpsampleNearest {
    int rows = 2, cols = 2;
};

// Half-pixel centres (as Keras-Python) or aligned corners, as the interpreter.
struct UpsampleBilinear {
    int rows = 2, cols = 2;
    Interpolation mode = Interpolation::bilinear;
};

// Only the epilogue (a copy when it is empty): pointwise layers with no
// producer to fuse into, a model with no computing layer, and a tensor
// copied where a step that needs it dense, a Concatenate or the output wants it.
struct Pointwise {};

// Add or Multiply: the output already holds the first operand (or the
// result so far); the step adds (multiplies) one more operand into it.
struct Merge {
    bool multiply = false;
};

// Embedding: each label's row of the table, a copy; a label outside
// [0, input_dim) is a ganforge::Error, as in the interpreter.
struct Gather {
    std::size_t layer = 0;
    std::string layer_name;
    std::size_t labels = 1, width = 0;  // labels per image, floats per row
    int input_dim = 0;
};

// ZeroPadding2D's border: zeros written around the interior, which the
// step producing the padded layer's input writes (or a copy).
struct ZeroBorder {
    Margins margins;
};

// DepthToSpace, SpaceToDepth and the edge paddings (ReflectionPadding2D,
// ReplicationPadding2D): each output pixel's channels copied, in runs, from
// the input pixels the layer's index map names.
struct Remap {
    LayerKind kind = LayerKind::depth_to_space;
    int block_size = 0;
    Margins margins{};
};

// GroupNormalization: each image's statistics per group, then x * scale +
// shift per channel with the scale and shift they give.
struct GroupNorm {
    std::size_t layer = 0;
    std::size_t groups = 0;
    float epsilon = 0.0f;
};

using StepOp = std::variant<DenseGemm, TapConvolution, UpsampleNearest, UpsampleBilinear, Pointwise, Merge,
                            Gather, ZeroBorder, Remap, GroupNorm>;

// Where a step reads or writes, per chunk of images: a buffer, the offset of
// the tensor's first value, and the floats between neighbouring images, rows,
// pixels and channels. Dense (channel = 1, pixel = channels, row = columns *
// pixel, image = the tensor's size) unless the tensor is a slice of a joined
// one (a Concatenate's operand written in place, ZeroPadding2D's interior), a
// crop (Cropping2D, read in place) or a model input or output the caller
// holds channels first (PlanOptions::layout nchw: channel = rows * columns,
// row = columns, pixel = 1).
struct BufferRef {
    enum class Where { input, output, arena };
    Where where = Where::arena;
    std::size_t input = 0;   // Where::input: which model input
    std::size_t offset = 0;  // floats from the buffer's start
    std::size_t image = 0, row = 0, pixel = 0, channel = 1;
    std::size_t within = 0;  // floats from the start of the (joined) tensor it is part of, per image

    bool dense_for(const Shape& s) const {
        const Extents3 e = extents3(s);
        return channel == 1 && pixel == e.channels && row == e.cols * pixel && image == e.rows * row;
    }
    friend bool operator==(const BufferRef&, const BufferRef&) = default;
};

struct Step {
    std::string name;  // "conv2d_transpose_1: Conv2DTranspose 7x7x128 -> 14x14x128 (4 phases) + LeakyReLU(0.2)"
    StepOp op;
    Shape in_shape, out_shape;  // per image
    std::size_t channels = 0;   // the innermost axis the step writes (epilogue tables' length)
    std::vector<PointwiseOp> epilogue;
    std::size_t macs = 0;  // multiply-adds per image
    BufferRef in, out;  // in unused by ZeroBorder
};

struct Plan {
    std::vector<Shape> input_shapes;
    Shape output_shape;
    std::vector<Step> steps;
    std::size_t chunk = 1;         // images per pass through the steps
    std::size_t arena_floats = 0;  // scratch for one chunk
};

// ---- Schedule: how one ISA runs the steps ----

// A rectangle of tile_rows x tile_cols output positions (of a phase grid; for
// a DenseGemm, tile_cols consecutive rows).
struct TileShape {
    int rows = 1, cols = 1;
    int pixels() const { return rows * cols; }
    friend bool operator==(const TileShape&, const TileShape&) = default;
};

// row_count x col_count tiles of one shape, the first at (row0, col0).
struct TileBlock {
    TileShape shape;
    int row0 = 0, col0 = 0, row_count = 1, col_count = 1;
};

// Output positions of one phase that see the same taps: row group x column
// group, with the packed taps (index a * column taps + b) they read.
struct Region {
    int row_group = 0, col_group = 0;
    std::vector<int> taps;
    std::vector<TileBlock> tiles;
};

// Tap-major: the outputs one packed tap reaches (a rectangle of the phase
// grid), which it accumulates into.
struct TapTiles {
    int tap = 0;
    std::vector<TileBlock> tiles;
};

struct PhaseSchedule {
    int row_phase = 0, col_phase = 0;
    int packed_taps = 0;
    std::size_t weights = 0;  // packed offset
    std::vector<Region> regions;   // region-major
    std::vector<TapTiles> taps;    // tap-major
};

// A linear step's kernel: `wide` vectorises over output channels (register
// tile pixels x vectors of filters, one broadcast input value per pixel);
// otherwise over input channels (pixels x each output channel, reduced at
// the end), for layers with few outputs: a convolution's tiles are then
// lines (1 x n or n x 1) along which the taps of that axis slide.
struct LinearSchedule {
    bool wide = true;
    // TapConvolution, wide only. Region-major: each region's tiles reduce over
    // all its taps in registers. Tap-major: the outputs start from the bias,
    // each tap's weights accumulate into every output it reaches (read once
    // per chunk of images while they are in cache), then the epilogue runs;
    // for layers whose weights do not stay in cache and small images.
    bool tap_major = false;
    // TapConvolution, wide only: the chunk's images one at a time, each
    // through every filter block, rather than each block through every image:
    // when that spends fewer cycles reading again from beyond L2 (what every
    // phase of every block, or tap-major every tap, reads again of the
    // chunk's images, against the weights, read again for every image).
    bool images_outer = false;
    int vectors = 1;           // wide: SIMD vectors of filters per block
    std::size_t blocks = 1;    // wide: filter blocks
    std::size_t block_width = 0;  // wide: vectors * lanes filters
    std::size_t cin_padded = 0;   // narrow: input channels rounded up to whole vectors
    // Narrow: the lines hold their taps' weights in registers through a
    // reduction step; else each multiply-add reads its weight from L1.
    bool narrow_weights_held = true;
    // Wide: each reduction step also prefetches the weights this many bytes
    // further along the block's stream (0: none).
    std::size_t weight_prefetch = 0;
    std::size_t bias = 0;         // packed offset
    std::vector<PhaseSchedule> phases;  // TapConvolution
    std::size_t weights = 0;            // DenseGemm: packed offset
    std::vector<int> dense_tiles;       // DenseGemm: rows per tile, largest first
    std::vector<TileShape> tile_shapes; // every tile shape used, each emitted once
};

struct StepSchedule {
    LinearSchedule linear;                 // DenseGemm, TapConvolution
    // Per epilogue op: packed offset of its channel tables (scale, then
    // shift; or slopes), table_width floats each; 0 for an op without.
    std::vector<std::size_t> tables;
    // Gather: packed offset of the embedding table; GroupNorm: of gamma,
    // then beta (channels floats each).
    std::size_t table = 0;
    std::size_t table_width = 0;  // padded length of each channel table
    bool unrolled = false;                 // tile loops spelled out (within the code budget)
    // Independent pieces of the step's work that its kernel takes as a range
    // [first, end), so that threads can share one image: a wide linear step's
    // filter blocks (each writes only its own output channels), a narrow
    // convolution's bands of rows, each through every phase; 1 for the other
    // steps, which run whole.
    std::size_t parts = 1;
};

struct IsaPlan {
    Isa isa = Isa::portable;
    std::vector<StepSchedule> steps;
    std::size_t packed_floats = 0;
};

}  // namespace ganforge::codegen
