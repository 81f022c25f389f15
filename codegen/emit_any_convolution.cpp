// A convolution's any-size kernel: Conv2D, Conv2DTranspose by phase and
// UpSampling2D + Conv2D fused, at the image size of the call. The phases,
// the regions of each (the outputs that see the same taps: the interior and
// the borders) and each region's taps come from the run-time geometry; the
// register tiles are runs of consecutive outputs along a row, the longest
// the registers hold and then the binary digits of what remains, so any
// width runs with a few constant tiles. Each call covers a band of every
// phase's rows.
#include <utility>

#include "codegen/emitter.hpp"

namespace ganforge::codegen {
namespace {

// The tile lengths: `most`, then the powers of two below it.
std::vector<int> run_lengths(int most) {
    std::vector<int> lengths{most};
    int b = 1;
    while (b * 2 < most) b *= 2;
    for (; b >= 1; b /= 2)
        if (b < most) lengths.push_back(b);
    return lengths;
}

// The input and output offsets of a run's outputs.
std::pair<std::vector<long>, std::vector<long>> run_offsets(int length, long in_col, long out_col) {
    std::vector<long> in, out;
    for (int m = 0; m < length; ++m) {
        in.push_back(m * in_col);
        out.push_back(m * out_col);
    }
    return {in, out};
}

std::string tile_name(int length, bool last) { return fmt::format("tile_{}{}", length, last ? "_last" : ""); }

// The calls covering columns [j, end) of a region's row: the longest tile
// while it fits, then one per binary digit of the rest.
void emit_row(CodeWriter& w, const std::vector<int>& lengths, bool last, long in_col, long out_col,
              std::string_view args) {
    const int most = lengths.front();
    w.line("long j = reg.col_begin;");
    w.line("for (; j + {0} <= reg.col_end; j += {0}) {1}(x + j * {2}, {3}, y + j * {4}, reg.taps, reg.tap_count);",
           most, tile_name(most, last), in_col, args, out_col);
    if (lengths.size() == 1) return;
    w.line("const long rest = reg.col_end - j;");
    for (std::size_t k = 1; k < lengths.size(); ++k) {
        w.open(fmt::format("if (rest & {})", lengths[k]));
        w.line("{}(x + j * {}, {}, y + j * {}, reg.taps, reg.tap_count);", tile_name(lengths[k], last), in_col, args,
               out_col);
        w.line("j += {};", lengths[k]);
        w.close();
    }
}

// The loops over one filter block's phases, regions and rows of the band.
// `weights` (per phase) and `args` name the tile's middle arguments.
void emit_phases(CodeWriter& w, const std::vector<int>& lengths, bool last, long in_col, long out_col,
                 std::string_view weights, std::string_view args, std::string_view y_offset) {
    w.open("for (int p = 0; p < g.phase_count; ++p)");
    w.line("const ganforge::codegen::support::AnyPhase& ph = g.phases[p];");
    w.line("const float* const w = P + {};", weights);
    w.line("const long band_lo = long(first) * ph.rows / long(g.parts), band_hi = long(end) * ph.rows / long(g.parts);");
    w.open("for (int r = 0; r < ph.region_count; ++r)");
    w.line("const ganforge::codegen::support::AnyRegion& reg = ph.regions[r];");
    w.open("for (long i = reg.row_begin > band_lo ? reg.row_begin : band_lo; i < reg.row_end && i < band_hi; ++i)");
    w.line("const float* const x = in + i * ph.in_row;");
    w.line("float* const y = out + ph.out + i * ph.out_row{};", y_offset);
    emit_row(w, lengths, last, in_col, out_col, args);
    w.close();
    w.close();
    w.close();
}

}  // namespace

void emit_any_convolution(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const auto& conv = std::get<TapConvolution>(s.op);
    const LinearSchedule& ls = c.schedule.linear;
    const std::size_t cin = s.in_shape.channels(), f = s.out_shape.channels();
    // Constants of the kernel at every size: the steps between neighbouring
    // outputs of a phase row, in the input and the output (pixels keep their
    // channels' stride); the phases' packed weights.
    const long in_col = long(conv.col_phases.front().in_step * s.in.pixel);
    const long out_col = long(conv.col_phases.front().out_step * s.out.pixel);
    std::string weights, block_strides;
    for (const PhaseSchedule& ps : ls.phases) {
        weights += fmt::format("{}{}", weights.empty() ? "" : ", ", ps.weights);
        block_strides += fmt::format("{}{}", block_strides.empty() ? "" : ", ",
                                     std::size_t(ps.packed_taps) * cin * ls.block_width);
    }
    w.open_namespace(fmt::format("step{}", c.index));
    w.line("constexpr std::size_t phase_weights[] = {{{}}};", weights);
    if (!ls.wide) {
        // Few outputs: pixels x outputs accumulators over input channels.
        const int most = std::max(1, std::min(16, (c.isa.registers - 2 - int(f)) / int(f)));
        const std::vector<int> lengths = run_lengths(most);
        w.line("// Weights: per phase [taps][{}][{}]; runs of outputs vectorised over input channels.", f,
               ls.cin_padded);
        for (int length : lengths) {
            const auto [in, out] = run_offsets(length, in_col, out_col);
            emit_narrow_tile(w, c, {tile_name(length, false), in, out, cin, ls.cin_padded, f, true});
            w.blank();
        }
        open_run(w, c);
        emit_phases(w, lengths, false, in_col, out_col, "phase_weights[p]", "w, P", "");
        w.close();
        w.close_namespace(fmt::format("step{}", c.index));
        return;
    }
    w.line("constexpr std::size_t block_strides[] = {{{}}};", block_strides);
    w.line("// Weights: per phase [{} filter blocks][taps][{}][{}]; runs of outputs x {} vectors of filters.",
           ls.blocks, cin, ls.block_width, ls.vectors);
    int most = 1;
    for (TileShape shape : ls.tile_shapes) most = std::max(most, shape.pixels());
    const std::vector<int> lengths = run_lengths(most);
    const bool partial = f % ls.block_width != 0;
    const std::size_t full_blocks = ls.blocks - (partial ? 1 : 0);
    for (bool last : {false, true}) {
        if (last ? !partial : full_blocks == 0) continue;
        const std::vector<int> valid = block_lanes(c, f, last);
        for (int length : lengths) {
            const auto [in, out] = run_offsets(length, in_col, out_col);
            emit_wide_tile(w, c, {tile_name(length, last), in, out, cin, ls.block_width, valid, true});
            w.blank();
        }
        w.open(fmt::format("void block{}(const float* P, const ganforge::codegen::support::AnyStep& g, const float* in, "
                           "float* out, std::size_t first, std::size_t end, std::size_t fb)",
                           last ? "_last" : ""));
        w.line("const std::size_t f0 = fb * {};", ls.block_width);
        emit_phases(w, lengths, last, in_col, out_col, "phase_weights[p] + fb * block_strides[p]", "w, P, f0", " + f0");
        w.close();
        w.blank();
    }
    open_run(w, c);
    if (full_blocks > 0)
        w.line("for (std::size_t fb = 0; fb < {}; ++fb) block(P, g, in, out, first, end, fb);", full_blocks);
    if (partial) w.line("block_last(P, g, in, out, first, end, {});", full_blocks);
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
