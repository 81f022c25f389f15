// Conv2D, Conv2DTranspose by phase and UpSampling2D + Conv2D fused: for each
// filter block, each phase, each image, each region of the phase (its taps a
// constant table), the region's register tiles: spelled out one by one when
// the step fits the code budget, else in loops with constant trip counts.
#include <algorithm>
#include <map>
#include <utility>

#include "codegen/emitter.hpp"

namespace ganforge::codegen {
namespace {

// Floats between neighbours in the input and output buffers (a tensor may be
// a slice of a joined one, or a model image held channels first), and the
// steps between a phase's tile rows and columns.
struct Geometry {
    long c, f;                          // input channels (the reduction), output channels
    long in_image, in_r, in_p, in_ch;   // input: image, row, pixel, channel
    long out_image, out_r, out_p, out_ch;  // output: image, row, pixel, channel
    long in_row, in_col;  // input floats between tile rows / columns of a phase
    long out_row, out_col;
};

Geometry geometry(const Step& s, const TapConvolution& conv) {
    Geometry g{};
    g.c = long(s.in_shape[2]);
    g.f = long(s.out_shape[2]);
    g.in_image = long(s.in.image);
    g.in_r = long(s.in.row);
    g.in_p = long(s.in.pixel);
    g.in_ch = long(s.in.channel);
    g.out_image = long(s.out.image);
    g.out_r = long(s.out.row);
    g.out_p = long(s.out.pixel);
    g.out_ch = long(s.out.channel);
    g.in_row = conv.row_phases.front().in_step * g.in_r;
    g.in_col = conv.col_phases.front().in_step * g.in_p;
    g.out_row = conv.row_phases.front().out_step * g.out_r;
    g.out_col = conv.col_phases.front().out_step * g.out_p;
    return g;
}

std::string tile_name(TileShape s, bool last) {
    return fmt::format("tile_{}x{}{}", s.rows, s.cols, last ? "_last" : "");
}

std::string taps_name(std::size_t phase, std::size_t region) {
    return fmt::format("taps_p{}_r{}", phase, region);
}

void emit_tiles(CodeWriter& w, const StepContext& c, const Geometry& g, bool last,
                const std::vector<int>& valid) {
    const LinearSchedule& ls = c.schedule.linear;
    for (TileShape shape : ls.tile_shapes) {
        std::vector<long> in, out;
        for (int a = 0; a < shape.rows; ++a)
            for (int b = 0; b < shape.cols; ++b) {
                in.push_back(a * g.in_row + b * g.in_col);
                out.push_back(a * g.out_row + b * g.out_col);
            }
        emit_wide_tile(w, c, {tile_name(shape, last), in, out, std::size_t(g.c), ls.block_width, valid, true,
                              ls.tap_major, g.in_ch, g.out_ch});
        w.blank();
    }
}

// The calls of `fn` on the tiles of `b`: one by one (every offset a literal)
// when the step is unrolled, else in loops with constant trip counts; with
// `in_band`, only the tiles whose first row lies in [lo, hi) (variables of
// the generated code). `args` goes between the two pointers and `tail`
// after them.
void emit_tile_calls(CodeWriter& w, const StepContext& c, const Geometry& g, const TileBlock& b,
                     const std::string& fn, const std::string& args, const std::string& tail, long x_offset = 0,
                     bool in_band = false) {
    const std::string end = tail.empty() ? ");" : ", " + tail + ");";
    if (c.schedule.unrolled && !in_band) {
        for (int i = 0; i < b.row_count; ++i)
            for (int j = 0; j < b.col_count; ++j) {
                const long ti = b.row0 + i * b.shape.rows, tj = b.col0 + j * b.shape.cols;
                w.line("{}(x + {}{}y + {}{}", fn, x_offset + ti * g.in_row + tj * g.in_col, args,
                       ti * g.out_row + tj * g.out_col, end);
            }
        return;
    }
    const bool row_loop = b.row_count > 1 || in_band, col_loop = b.col_count > 1;
    const std::string i = row_loop ? "i" : std::to_string(b.row0);
    const std::string j = col_loop ? "j" : std::to_string(b.col0);
    const int row_end = b.row0 + b.row_count * b.shape.rows;
    if (in_band) {  // from the first tile row at or after lo
        const int r0 = b.row0, step = b.shape.rows;
        const std::string from = r0 == 0 ? "lo" : fmt::format("(lo > {0} ? lo : {0})", r0);
        const std::string start = step == 1 ? from
                                  : r0 == 0 ? fmt::format("({} + {}) / {} * {}", from, step - 1, step, step)
                                            : fmt::format("{0} + ({1} - {0} + {2}) / {3} * {3}", r0, from, step - 1, step);
        w.open(fmt::format("for (long i = {}; i < hi && i < {}; i += {})", start, row_end, step));
    } else if (row_loop)
        w.open(fmt::format("for (long i = {}; i < {}; i += {})", b.row0, row_end, b.shape.rows));
    if (col_loop)
        w.open(fmt::format("for (long j = {}; j < {}; j += {})", b.col0, b.col0 + b.col_count * b.shape.cols,
                           b.shape.cols));
    // One offset expression per pointer, so that no intermediate pointer leaves the buffer.
    auto offset = [&](long base, long row, long col) {
        std::string e = base ? std::to_string(base) : "";
        for (const auto& [v, factor] : {std::pair{i, row}, std::pair{j, col}})
            if (v != "0" && factor != 0) e += fmt::format("{}{} * {}", e.empty() ? "" : " + ", v, factor);
        return e.empty() ? std::string() : fmt::format(" + ({})", e);
    };
    w.line("{}(x{}{}y{}{}", fn, offset(x_offset, g.in_row, g.in_col), args, offset(0, g.out_row, g.out_col), end);
    if (col_loop) w.close();
    if (row_loop) w.close();
}

// The tiles of a block whose first row lies in [lo, hi).
TileBlock tiles_in_rows(const TileBlock& b, long lo, long hi) {
    auto first_at_or_after = [&](long row) {
        return std::clamp((row - b.row0 + b.shape.rows - 1) / b.shape.rows, 0L, long(b.row_count));
    };
    TileBlock share = b;
    const long t0 = first_at_or_after(lo), t1 = first_at_or_after(hi);
    share.row0 = int(b.row0 + t0 * b.shape.rows);
    share.row_count = int(t1 - t0);
    return share;
}

void open_block(CodeWriter& w, const StepContext& c, bool last) {
    const LinearSchedule& ls = c.schedule.linear;
    const std::string name = last ? "block_last" : "block";
    w.open(fmt::format("void {}(const float* P, const float* in, float* out, std::size_t batch, std::size_t fb)", name));
    w.line("const std::size_t f0 = fb * {};", ls.block_width);
}

void phase_comment(CodeWriter& w, std::size_t p, const AxisPhase& rp, const AxisPhase& cp, const PhaseSchedule& ps) {
    w.line("// phase {}: output rows {}+{}i (i < {}), columns {}+{}j (j < {}); {} taps", p, rp.out_start,
           rp.out_step, rp.count, cp.out_start, cp.out_step, cp.count, ps.packed_taps);
}

// Region-major: one filter block of every phase; each region's tiles reduce
// over its taps in registers.
void emit_region_block(CodeWriter& w, const StepContext& c, const TapConvolution& conv, const Geometry& g,
                       bool last) {
    const LinearSchedule& ls = c.schedule.linear;
    open_block(w, c, last);
        for (std::size_t p = 0; p < ls.phases.size(); ++p) {
        const PhaseSchedule& ps = ls.phases[p];
        const AxisPhase& rp = conv.row_phases[std::size_t(ps.row_phase)];
        const AxisPhase& cp = conv.col_phases[std::size_t(ps.col_phase)];
        const long y0 = rp.out_start * g.out_r + cp.out_start * g.out_p;
        phase_comment(w, p, rp, cp, ps);
        w.open("");
        const std::size_t block_stride = std::size_t(ps.packed_taps) * std::size_t(g.c) * ls.block_width;
        w.line("const float* w = P + {}{};", ps.weights, block_stride ? fmt::format(" + fb * {}", block_stride) : "");
        w.open("for (std::size_t n = 0; n < batch; ++n)");
        w.line("const float* x = in + n * {};", g.in_image);
        w.line("float* y = out + n * {} + {} + f0{};", g.out_image, y0,
               g.out_ch == 1 ? "" : fmt::format(" * {}", g.out_ch));
        const std::string args = ", w, P, f0, ";
        for (std::size_t r = 0; r < ps.regions.size(); ++r) {
            const Region& reg = ps.regions[r];
            const std::string taps = reg.taps.empty() ? "nullptr, 0"
                                                      : fmt::format("{}, {}", taps_name(p, r), reg.taps.size());
            for (const TileBlock& b : reg.tiles) emit_tile_calls(w, c, g, b, tile_name(b.shape, last), args, taps);
        }
        w.close();
        w.close();
    }
    w.close();
}

// The outputs of a phase (all images), pixel by pixel: `body` gets the
// pointer `o` to a pixel's first filter of the block.
template <typename Body>
void for_phase_outputs(CodeWriter& w, const AxisPhase& rp, const AxisPhase& cp,
                       const Geometry& g, Body&& body) {
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.open(fmt::format("for (long i = 0; i < {}; ++i)", rp.count));
    w.open(fmt::format("for (long j = 0; j < {}; ++j)", cp.count));
    w.line("float* o = yp + n * {} + i * {} + j * {};", g.out_image, g.out_row, g.out_col);
    body();
    w.close();
    w.close();
    w.close();
}

// Tap-major: for each phase, the outputs start from the bias, each tap's
// weights (read once for all images) accumulate into the outputs it reaches,
// then the epilogue.
void emit_tap_block(CodeWriter& w, const StepContext& c, const TapConvolution& conv, const Geometry& g,
                    bool last, const std::vector<int>& valid) {
    const LinearSchedule& ls = c.schedule.linear;
    const IsaTarget& t = c.isa;
    const auto lanes = long(t.lanes);
    open_block(w, c, last);
    const bool bias = linear_source(c.step).has_bias;
    for (std::size_t v = 0; v < valid.size(); ++v)
        w.line("const {} bias{} = {};", t.vector_type, v,
               bias ? t.load(fmt::format("P + {} + f0 + {}", ls.bias, long(v) * lanes)) : t.zero());
    auto store = [&](std::size_t v, const std::string& var) {
        const std::string at = fmt::format("o + {}", long(v) * lanes);
        w.line(valid[v] == t.lanes ? t.store(at, var) : t.store_first(at, var, valid[v]));
    };
    for (std::size_t p = 0; p < ls.phases.size(); ++p) {
        const PhaseSchedule& ps = ls.phases[p];
        const AxisPhase& rp = conv.row_phases[std::size_t(ps.row_phase)];
        const AxisPhase& cp = conv.col_phases[std::size_t(ps.col_phase)];
        phase_comment(w, p, rp, cp, ps);
        w.open("");
        const std::size_t tap_stride = std::size_t(g.c) * ls.block_width;
        w.line("const float* w = P + {} + fb * {};", ps.weights, std::size_t(ps.packed_taps) * tap_stride);
        w.line("float* const yp = out + {} + f0;", rp.out_start * g.out_r + cp.out_start * g.out_p);
        const bool adds = linear_source(c.step).adds_to_output;
        for_phase_outputs(w, rp, cp, g, [&] {
            for (std::size_t v = 0; v < valid.size(); ++v) {
                const std::string at = fmt::format("o + {}", long(v) * lanes);
                const std::string held = valid[v] == t.lanes ? t.load(at) : t.load_first(at, valid[v]);
                store(v, adds ? t.add(fmt::format("bias{}", v), held) : fmt::format("bias{}", v));
            }
        });
        for (const TapTiles& tt : ps.taps) {
            const AxisTap& a = rp.taps[std::size_t(tt.tap) / cp.taps.size()];
            const AxisTap& b = cp.taps[std::size_t(tt.tap) % cp.taps.size()];
            w.line("// tap ({}, {}): input offset ({}, {})", tt.tap / int(cp.taps.size()),
                   tt.tap % int(cp.taps.size()), a.offset, b.offset);
            w.open("for (std::size_t n = 0; n < batch; ++n)");
            w.line("const float* x = in + n * {};", g.in_image);
            w.line("float* const y = yp + n * {};", g.out_image);
            const std::size_t wt_offset = std::size_t(tt.tap) * tap_stride;
            const std::string wt = wt_offset != 0 ? fmt::format(", w + {}, ", wt_offset) : ", w, ";
            for (const TileBlock& tb : tt.tiles) {
                emit_tile_calls(w, c, g, tb, tile_name(tb.shape, last), wt, "",
                                tap_input(conv, a, b, g.in_r, g.in_p, g.c * g.in_ch));
            }
            w.close();
        }
        if (!c.step.epilogue.empty()) {
            for_phase_outputs(w, rp, cp, g, [&] {
                std::vector<std::string> vars, channels;
                for (std::size_t v = 0; v < valid.size(); ++v) {
                    const std::string at = fmt::format("o + {}", long(v) * lanes);
                    w.line("{} v{} = {};", t.vector_type, v, valid[v] == t.lanes ? t.load(at) : t.load_first(at, valid[v]));
                    vars.push_back(fmt::format("v{}", v));
                    channels.push_back(fmt::format("f0 + {}", long(v) * lanes));
                }
                emit_vector_epilogue(w, c, vars, channels);
                for (std::size_t v = 0; v < valid.size(); ++v) store(v, vars[v]);
            });
        }
        w.close();
    }
    w.close();
}

// Few output channels: every region's tiles are lines along which the taps
// of one axis slide (emit_narrow_line); the other axis' taps form the
// region's table. One kernel per distinct line (length, taps), shared.
void emit_narrow_convolution(CodeWriter& w, const StepContext& c, const TapConvolution& conv, const Geometry& g) {
    const LinearSchedule& ls = c.schedule.linear;
    const long tap_size = g.f * long(ls.cin_padded);  // packed floats per tap
    std::map<std::string, std::size_t> kernels;        // key -> index in lines
    std::vector<NarrowLine> lines;
    struct Call {
        const TileBlock* block;
        std::string kernel, table;
        std::size_t entries;
    };
    std::vector<std::vector<Call>> calls(ls.phases.size());
    for (std::size_t p = 0; p < ls.phases.size(); ++p) {
        const PhaseSchedule& ps = ls.phases[p];
        const AxisPhase& rp = conv.row_phases[std::size_t(ps.row_phase)];
        const AxisPhase& cp = conv.col_phases[std::size_t(ps.col_phase)];
        const long ncol = long(cp.taps.size());
        for (std::size_t r = 0; r < ps.regions.size(); ++r) {
            const Region& reg = ps.regions[r];
            if (reg.tiles.empty()) continue;
            const AxisGroup& rg = rp.groups[std::size_t(reg.row_group)];
            const AxisGroup& cg = cp.groups[std::size_t(reg.col_group)];
            const bool along_cols = reg.tiles.front().shape.rows == 1;
            const std::vector<int>& sliding = along_cols ? cg.taps : rg.taps;
            const std::vector<int>& table = along_cols ? rg.taps : cg.taps;
            const long s0 = sliding.empty() ? 0 : sliding.front();
            std::string entries;
            for (int a : table) {
                const long x = along_cols ? tap_input(conv, rp.taps[std::size_t(a)], {}, g.in_r, g.in_p, g.c * g.in_ch)
                                          : tap_input(conv, {}, cp.taps[std::size_t(a)], g.in_r, g.in_p, g.c * g.in_ch);
                const long packed = along_cols ? a * ncol + s0 : s0 * ncol + a;
                entries += fmt::format("{}{{{}, {}}}", entries.empty() ? "" : ", ", x, packed * tap_size);
            }
            const std::string table_name = fmt::format("taps_p{}_r{}", p, r);
            if (!sliding.empty() && !table.empty())
                w.line("constexpr Tap {}[] = {{{}}};  // rows {}..{} x columns {}..{}", table_name, entries, rg.begin,
                       rg.end - 1, cg.begin, cg.end - 1);
            NarrowLine line;
            line.in_stride = along_cols ? g.in_col : g.in_row;
            line.next_line = along_cols ? g.in_row : g.in_col;
            line.out_stride = along_cols ? g.out_col : g.out_row;
            for (int b : sliding) {
                line.tap_inputs.push_back(along_cols
                                              ? tap_input(conv, {}, cp.taps[std::size_t(b)], g.in_r, g.in_p, g.c * g.in_ch)
                                              : tap_input(conv, rp.taps[std::size_t(b)], {}, g.in_r, g.in_p, g.c * g.in_ch));
                line.tap_weights.push_back((b - s0) * (along_cols ? 1 : ncol) * tap_size);
            }
            line.reduction = std::size_t(g.c);
            line.reduction_padded = ls.cin_padded;
            line.outputs = std::size_t(g.f);
            line.out_channel = g.out_ch;
            for (const TileBlock& b : reg.tiles) {
                line.pixels = along_cols ? b.shape.cols : b.shape.rows;
                std::string key = fmt::format("{} {} {}", along_cols, line.pixels, line.in_stride);
                for (std::size_t i = 0; i < line.tap_inputs.size(); ++i)
                    key += fmt::format(" {}:{}", line.tap_inputs[i], line.tap_weights[i]);
                auto [it, fresh] = kernels.emplace(key, lines.size());
                if (fresh) {
                    line.name = fmt::format("line_{}", lines.size());
                    lines.push_back(line);
                }
                NarrowLine& kernel = lines[it->second];
                const bool taps = !sliding.empty() && !table.empty();
                kernel.table_entries = std::max(kernel.table_entries, taps ? table.size() : 0);
                calls[p].push_back({&b, kernel.name, taps ? table_name : "nullptr", taps ? table.size() : 0});
            }
        }
    }
    w.blank();
    for (const NarrowLine& line : lines) {
        emit_narrow_line(w, c, line);
        w.blank();
    }
    // The weights are small: image by image, and band by band of output rows
    // through every phase, so each band's input stays in cache from one phase
    // to the next. Part k * phases + p is band k of phase p: the tiles whose
    // first row lies in that band's rows, spelled out band by band when the
    // step is unrolled, else in loops whose bounds follow k.
    const std::size_t phases = ls.phases.size(), bands = c.schedule.parts / phases;
    w.open("void block(const float* P, const float* in, float* out, std::size_t batch, std::size_t first, "
           "std::size_t end)");
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.line("const float* x = in + n * {};", g.in_image);
    std::vector<bool> described(phases);
    auto phase_calls = [&](std::size_t p, auto&& emit_block) {
        const PhaseSchedule& ps = ls.phases[p];
        const AxisPhase& rp = conv.row_phases[std::size_t(ps.row_phase)];
        const AxisPhase& cp = conv.col_phases[std::size_t(ps.col_phase)];
        if (!described[p]) phase_comment(w, p, rp, cp, ps);
        described[p] = true;
        w.line("const float* w = P + {};", ps.weights);
        w.line("float* y = out + n * {} + {};", g.out_image, rp.out_start * g.out_r + cp.out_start * g.out_p);
        for (const Call& call : calls[p]) emit_block(call);
    };
    auto emit_calls = [&](const Call& call, const TileBlock& b, bool in_band) {
        emit_tile_calls(w, c, g, b, call.kernel, ", w, P, ", fmt::format("{}, {}", call.table, call.entries), 0,
                        in_band);
    };
    auto phase_rows = [&](std::size_t p) { return long(conv.row_phases[std::size_t(ls.phases[p].row_phase)].count); };
    if (c.schedule.unrolled) {
        for (std::size_t k = 0; k < bands; ++k)
            for (std::size_t p = 0; p < phases; ++p) {
                const long lo = long(k) * phase_rows(p) / long(bands), hi = long(k + 1) * phase_rows(p) / long(bands);
                auto in_band = [&](const Call& call) { return tiles_in_rows(*call.block, lo, hi); };
                if (std::none_of(calls[p].begin(), calls[p].end(),
                                 [&](const Call& call) { return in_band(call).row_count > 0; }))
                    continue;
                w.open(fmt::format("if (first <= {0} && {0} < end)", k * phases + p));
                phase_calls(p, [&](const Call& call) {
                    if (const TileBlock b = in_band(call); b.row_count > 0) emit_calls(call, b, false);
                });
                w.close();
            }
    } else {
        w.open("for (std::size_t part = first; part < end; ++part)");
        w.line("const long k = long(part / {});", phases);
        w.open(fmt::format("switch (part % {})", phases));
        for (std::size_t p = 0; p < phases; ++p) {
            w.open(fmt::format("case {}:", p));
            w.line("const long lo = k * {0} / {1}, hi = (k + 1) * {0} / {1};", phase_rows(p), bands);
            phase_calls(p, [&](const Call& call) { emit_calls(call, *call.block, true); });
            w.line("break;");
            w.close();
        }
        w.close();
        w.close();
    }
    w.close();
    w.close();
    w.blank();
    w.open(run_parts_signature);
    w.line("block(P, in, out, batch, first, end);");
    w.close();
}

}  // namespace

void emit_tap_convolution(CodeWriter& w, const StepContext& c) {
    if (c.any_size) {
        emit_any_convolution(w, c);
        return;
    }
    const auto& conv = std::get<TapConvolution>(c.step.op);
    const LinearSchedule& ls = c.schedule.linear;
    const Geometry g = geometry(c.step, conv);
    w.open_namespace(fmt::format("step{}", c.index));
    if (!ls.wide) {
        w.line("// Weights: per phase [taps][{}][{}]; lines of pixels vectorised over input channels.", g.f,
               ls.cin_padded);
        emit_narrow_convolution(w, c, conv, g);
        w.close_namespace(fmt::format("step{}", c.index));
        return;
    }
    // From here on the schedule is wide: output channels in filter blocks.
    w.line("// Weights: per phase [{} filter blocks][taps][{}][{}]; {} accumulators per tile pixel.",
           ls.blocks, g.c, ls.block_width, ls.vectors);
    // Each region's taps: input offset and packed-weights offset.
    const std::size_t tap_stride = std::size_t(g.c) * ls.block_width;
    for (std::size_t p = 0; p < ls.phases.size(); ++p) {
        const PhaseSchedule& ps = ls.phases[p];
        const AxisPhase& rp = conv.row_phases[std::size_t(ps.row_phase)];
        const AxisPhase& cp = conv.col_phases[std::size_t(ps.col_phase)];
        for (std::size_t r = 0; r < ps.regions.size(); ++r) {  // empty when tap-major
            const Region& reg = ps.regions[r];
            if (reg.taps.empty()) continue;
            std::string list;
            for (int t : reg.taps) {
                const AxisTap& a = rp.taps[std::size_t(t) / cp.taps.size()];
                const AxisTap& b = cp.taps[std::size_t(t) % cp.taps.size()];
                list += fmt::format("{}{{{}, {}}}", list.empty() ? "" : ", ",
                                    tap_input(conv, a, b, g.in_r, g.in_p, g.c * g.in_ch), std::size_t(t) * tap_stride);
            }
            const AxisGroup& rg = rp.groups[std::size_t(reg.row_group)];
            const AxisGroup& cg = cp.groups[std::size_t(reg.col_group)];
            w.line("constexpr Tap {}[] = {{{}}};  // rows {}..{} x columns {}..{}", taps_name(p, r), list,
                   rg.begin, rg.end - 1, cg.begin, cg.end - 1);
        }
    }
    w.blank();
    const std::size_t f = std::size_t(g.f);
    const bool partial = f % ls.block_width != 0;
    const std::vector<int> full_valid = block_lanes(c, f, false), last_valid = partial ? block_lanes(c, f, true)
                                                                                        : std::vector<int>{};
    const std::size_t full_blocks = ls.blocks - (partial ? 1 : 0);
    auto blocks = [&](bool last, const std::vector<int>& valid) {
        emit_tiles(w, c, g, last, valid);
        if (ls.tap_major)
            emit_tap_block(w, c, conv, g, last, valid);
        else
            emit_region_block(w, c, conv, g, last);
        w.blank();
    };
    if (full_blocks > 0) blocks(false, full_valid);
    if (partial) blocks(true, last_valid);
    w.open(run_signature_of(c.schedule));
    if (ls.images_outer) {
        w.line("// Image by image: its input, read again for every filter block, stays in cache.");
        w.open("for (std::size_t n = 0; n < batch; ++n)");
        w.line("const float* const x = in + n * {};", g.in_image);
        w.line("float* const y = out + n * {};", g.out_image);
        emit_filter_blocks(w, c, "x, y, 1", full_blocks, partial);
        w.close();
    } else {
        emit_filter_blocks(w, c, "in, out, batch", full_blocks, partial);
    }
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
