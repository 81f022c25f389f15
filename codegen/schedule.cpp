// How one ISA runs a plan: for each linear step, the kernel (vectorised over
// output or input channels), the register tile, the tiling of every region of
// every phase, and the packed weights' layout. Choices come from a small
// cost model of one core: two FMA pipes, two loads per cycle, an FMA latency
// of four cycles (so fewer than eight accumulators cannot keep both pipes busy).
#include <algorithm>
#include <cmath>
#include <set>

#include "codegen/isa_target.hpp"
#include "codegen/planner.hpp"

namespace ganforge::codegen {
namespace {

constexpr std::size_t align = 16;  // floats: 64 bytes
constexpr int max_tile_pixels = 16;
constexpr int max_conv_vectors = 4;
constexpr int max_dense_vectors = 8;
constexpr int max_narrow_outputs = 8;

std::size_t round_up(std::size_t n, std::size_t a) { return (n + a - 1) / a * a; }

class Packer {
public:
    std::size_t alloc(std::size_t floats) {
        const std::size_t at = size_;
        size_ += round_up(floats, align);
        return at;
    }
    std::size_t size() const { return size_; }

private:
    std::size_t size_ = 0;
};

// Cycles per step of the reduction loop of a tile with `acc` accumulators
// whose loads take `load_cycles`. The wide tiles count two loads per cycle,
// the rate their shapes were measured with; the narrow lines, whose weights
// may be FMA operands, the ISA's rate.
double step_cycles(int acc, double load_cycles) { return std::max({acc / 2.0, load_cycles, 4.0}); }

// Weights a tile streams per reduction step: `vectors` of the ISA's width,
// from L1 when the weights it cycles through fit there, else from L2
// (about 16 bytes per cycle next to the FMAs, at which two vectors of
// filters by 14 pixels cost less than four by 6 on AVX-512) or from L3
// (about 10).
constexpr std::size_t l1_budget = 32 * 1024;
constexpr std::size_t l2_budget = 512 * 1024;
constexpr double l3_bandwidth = 10.0;  // bytes per cycle
// The share of `bytes` read over and over that comes from beyond L2 each time.
double beyond_l2(std::size_t bytes) { return bytes > l2_budget ? 1.0 - double(l2_budget) / double(bytes) : 0.0; }

double weight_cycles(const IsaTarget& t, int vectors, std::size_t cycled_bytes) {
    const double bandwidth = cycled_bytes <= l1_budget ? 64.0 : cycled_bytes <= l2_budget ? 16.0 : l3_bandwidth;
    return vectors * t.lanes * double(sizeof(float)) / bandwidth;
}

// How far ahead of its reduction step a wide tile prefetches its weights,
// when a model's weights do not stay in L2 from one call to the next: each
// step then streams its weights from L3 or memory, faster than the hardware
// prefetchers alone fetch them (a shorter distance gained less, a longer
// one no more). A model whose weights stay in cache would only pay the
// extra loads.
constexpr std::size_t weight_prefetch_ahead = 2048;

// A kernel variant: wide with `vectors` vectors of filters per block, or
// narrow (vectors == 0) with one accumulator per pixel and output channel.
struct Variant {
    bool wide = true;
    int vectors = 1;
};

struct Shape2 {
    std::size_t cin, cout;
};

int max_pixels(const IsaTarget& t, Variant v, std::size_t cout) {
    const int per_pixel = v.wide ? v.vectors : int(cout);
    return std::min(max_tile_pixels, (t.registers - per_pixel - 1) / per_pixel);
}

bool usable(const IsaTarget& t, Variant v, std::size_t cout) {
    if (v.wide) return std::size_t(v.vectors - 1) * std::size_t(t.lanes) < cout && max_pixels(t, v, cout) >= 1;
    return cout <= std::size_t(max_narrow_outputs) && max_pixels(t, v, cout) >= 1;
}

// Cycles of one tile of `pixels` pixels reducing over `taps` taps, whose
// weights come from a working set of `cycled` bytes.
double tile_cycles(const IsaTarget& t, Variant v, Shape2 s, int pixels, std::size_t taps,
                   std::size_t cycled = 0) {
    if (v.wide) {
        const int acc = pixels * v.vectors;
        const double step = std::max(step_cycles(acc, (pixels + v.vectors) / 2.0), weight_cycles(t, v.vectors, cycled));
        return double(taps * s.cin) * step + 2.0 * acc;
    }
    const int acc = pixels * int(s.cout);
    const double steps = double(taps) * std::ceil(double(s.cin) / t.lanes);
    return steps * step_cycles(acc, (pixels + int(s.cout)) / 2.0) + 8.0 * acc;
}

std::size_t blocks_of(const IsaTarget& t, Variant v, std::size_t cout) {
    return v.wide ? (cout + std::size_t(v.vectors * t.lanes) - 1) / std::size_t(v.vectors * t.lanes) : 1;
}

// Covers an h x w rectangle of a phase grid with tiles of at most m pixels:
// along rows when they are long enough, else blocks of whole rows.
std::vector<TileBlock> tile_rect(int row0, int col0, int h, int w, int m) {
    std::vector<TileBlock> out;
    if (h <= 0 || w <= 0) return out;
    if (w >= m) {
        const int n = (w + m - 1) / m, tc = (w + n - 1) / n, full = w / tc, rest = w - full * tc;
        out.push_back({{1, tc}, row0, col0, h, full});
        if (rest) out.push_back({{1, rest}, row0, col0 + full * tc, h, 1});
    } else {
        const int n0 = std::max(1, std::min(h, m / w));
        const int n = (h + n0 - 1) / n0, tr = (h + n - 1) / n, full = h / tr, rest = h - full * tr;
        out.push_back({{tr, w}, row0, col0, full, 1});
        if (rest) out.push_back({{rest, w}, row0 + full * tr, col0, 1, 1});
    }
    return out;
}

// Covers an h x w rectangle with lines of at most m pixels along its longer side.
std::vector<TileBlock> tile_lines(int row0, int col0, int h, int w, int m) {
    std::vector<TileBlock> out;
    if (h <= 0 || w <= 0) return out;
    const bool along_rows = w >= h;
    const int length = along_rows ? w : h, lines = along_rows ? h : w;
    const int n = (length + m - 1) / m, tl = (length + n - 1) / n, full = length / tl, rest = length - full * tl;
    if (along_rows) {
        out.push_back({{1, tl}, row0, col0, lines, full});
        if (rest) out.push_back({{1, rest}, row0, col0 + full * tl, lines, 1});
    } else {
        out.push_back({{tl, 1}, row0, col0, full, lines});
        if (rest) out.push_back({{rest, 1}, row0 + full * tl, col0, 1, lines});
    }
    return out;
}

std::vector<PhaseSchedule> conv_phases(const TapConvolution& c, int m, bool lines = false) {
    std::vector<PhaseSchedule> phases;
    for (std::size_t a = 0; a < c.row_phases.size(); ++a)
        for (std::size_t b = 0; b < c.col_phases.size(); ++b) {
            const AxisPhase& rp = c.row_phases[a];
            const AxisPhase& cp = c.col_phases[b];
            PhaseSchedule ps;
            ps.row_phase = int(a);
            ps.col_phase = int(b);
            ps.packed_taps = int(rp.taps.size() * cp.taps.size());
            for (std::size_t g = 0; g < rp.groups.size(); ++g)
                for (std::size_t h = 0; h < cp.groups.size(); ++h) {
                    const AxisGroup& rg = rp.groups[g];
                    const AxisGroup& cg = cp.groups[h];
                    Region r;
                    r.row_group = int(g);
                    r.col_group = int(h);
                    for (int ta : rg.taps)
                        for (int tb : cg.taps) r.taps.push_back(ta * int(cp.taps.size()) + tb);
                    r.tiles = (lines ? tile_lines : tile_rect)(rg.begin, cg.begin, rg.end - rg.begin,
                                                               cg.end - cg.begin, m);
                    ps.regions.push_back(std::move(r));
                }
            phases.push_back(std::move(ps));
        }
    return phases;
}

// Tap-major: per packed tap, the rectangle of the phase's outputs it reaches.
void add_tap_tiles(const TapConvolution& c, std::vector<PhaseSchedule>& phases, int in_h, int in_w, int m) {
    auto reach = [](const AxisPhase& p, const AxisTap& tap, int in) {
        int first = p.count, last = -1;
        for (int i = 0; i < p.count; ++i)
            if (const int at = i * p.in_step + tap.offset; at >= 0 && at < in) {
                first = std::min(first, i);
                last = i;
            }
        return std::pair{first, last + 1};
    };
    for (PhaseSchedule& ps : phases) {
        const AxisPhase& rp = c.row_phases[std::size_t(ps.row_phase)];
        const AxisPhase& cp = c.col_phases[std::size_t(ps.col_phase)];
        for (std::size_t a = 0; a < rp.taps.size(); ++a)
            for (std::size_t b = 0; b < cp.taps.size(); ++b) {
                const auto [r0, r1] = reach(rp, rp.taps[a], in_h);
                const auto [c0, c1] = reach(cp, cp.taps[b], in_w);
                ps.taps.push_back({int(a * cp.taps.size() + b), tile_rect(r0, c0, r1 - r0, c1 - c0, m)});
            }
    }
}

// The most taps along one axis of any phase: a narrow line's sliding taps.
int max_axis_taps(const TapConvolution& c) {
    std::size_t n = 1;
    for (const auto* axis : {&c.row_phases, &c.col_phases})
        for (const AxisPhase& p : *axis) n = std::max(n, p.taps.size());
    return int(n);
}

// Narrow lines: per table tap and reduction step, the line loads its input
// positions once, and the sliding taps' weights once when they are held in
// registers beside the accumulators, else once per multiply-add (an FMA's
// memory operand, from L1).
struct NarrowLines {
    int pixels = 1;
    bool weights_held = true;
};

double narrow_step_cycles(const IsaTarget& t, NarrowLines n, int sliding, int f) {
    const int fmas = n.pixels * sliding * f;
    const int loads = n.pixels + sliding - 1 + (n.weights_held ? sliding * f : fmas);
    return step_cycles(fmas, double(loads) / t.loads_per_cycle);
}

// The longest lines with the weights held, or the longest with the weights
// read by each FMA when these are longer and take no more cycles per pixel
// (their tap loop and final sums are shared by more pixels): with few
// registers and several output channels (AVX2 holds three taps' weights for
// RGB beside one pixel's accumulators only). On AVX2 that speeds up an
// image's last convolution a great deal; on AVX-512, whose registers hold
// the weights beside enough pixels, longer lines reading them from L1 are
// slower, and the per-pixel cycles below then favour the held weights.
NarrowLines narrow_lines(const IsaTarget& t, const TapConvolution& c, std::size_t cout) {
    constexpr int most = 24;
    const int f = int(cout), sliding = max_axis_taps(c);
    const NarrowLines held{std::max(1, std::min(most, (t.registers - 2 - sliding * f) / f)), true};
    const NarrowLines loaded{std::max(1, std::min(most, (t.registers - 2) / f)), false};
    auto per_pixel = [&](NarrowLines n) { return narrow_step_cycles(t, n, sliding, f) / n.pixels; };
    return loaded.pixels > held.pixels && per_pixel(loaded) <= per_pixel(held) ? loaded : held;
}

double narrow_cycles(const IsaTarget& t, const TapConvolution& c, Shape2 s, bool weights_held,
                     const std::vector<PhaseSchedule>& phases) {
    double cycles = 0;
    const double steps = std::ceil(double(s.cin) / t.lanes);
    const int f = int(s.cout);
    for (const PhaseSchedule& p : phases) {
        const AxisPhase& rp = c.row_phases[std::size_t(p.row_phase)];
        const AxisPhase& cp = c.col_phases[std::size_t(p.col_phase)];
        for (const Region& r : p.regions) {
            const int rows = int(rp.groups[std::size_t(r.row_group)].taps.size());
            const int cols = int(cp.groups[std::size_t(r.col_group)].taps.size());
            for (const TileBlock& b : r.tiles) {
                const int pixels = b.shape.pixels();
                const int sliding = b.shape.rows == 1 ? cols : rows, table = b.shape.rows == 1 ? rows : cols;
                const double step = narrow_step_cycles(t, {pixels, weights_held}, sliding, f);
                cycles += b.row_count * b.col_count * (table * steps * step + 8.0 * pixels * f);
            }
        }
    }
    return cycles;
}

// A narrow convolution's bands of rows per phase: enough parts, over the
// phases, for several threads to share one image, and bands small enough
// that one band's input stays in L2 while every phase reads it
// (pix2pix256's last transposed convolution would otherwise read its 8 MB
// input from L3 once per phase).
std::size_t narrow_bands(std::size_t phases, std::size_t input_bytes) {
    const std::size_t for_threads = (8 + phases - 1) / phases;
    const std::size_t band_budget = l2_budget / 2;
    return std::max(for_threads, (input_bytes + band_budget - 1) / band_budget);
}

// Per image, for passes over `images` images at a time. A tap-major pass
// takes each tap through every image of the pass: their inputs and the
// block's outputs stay in L2 from one tap to the next only when they all
// fit, else every tap's tiles read them (the share that does not fit) from
// L3 again (a pass of several MB, as a large transposed convolution makes
// at batch 16, then takes longer than reducing region by region).
double conv_cycles(const IsaTarget& t, Variant v, Shape2 s, const std::vector<PhaseSchedule>& phases,
                   bool tap_major, const Step& step, std::size_t images) {
    double cycles = 0;
    const std::size_t block_width = std::size_t(v.wide ? v.vectors * t.lanes : 1);
    const std::size_t block_bytes = block_width * s.cin * 4;
    const std::size_t pass_bytes =
        images * (step.in_shape.size() + step.out_shape[0] * step.out_shape[1] * block_width) * sizeof(float);
    const double streamed = beyond_l2(pass_bytes);
    for (const PhaseSchedule& p : phases) {
        if (tap_major) {
            for (const TapTiles& tt : p.taps)
                for (const TileBlock& b : tt.tiles) {
                    const int pixels = b.shape.pixels();
                    const double from_l3 =
                        streamed * double(pixels * (s.cin + 2 * block_width) * sizeof(float)) / l3_bandwidth;
                    cycles += b.row_count * b.col_count *
                              (tile_cycles(t, v, s, pixels, 1, block_bytes) + 2.0 * pixels * v.vectors + from_l3);
                }
            continue;
        }
        const std::size_t slab = std::size_t(p.packed_taps) * block_bytes;
        for (const Region& r : p.regions)
            for (const TileBlock& b : r.tiles)
                cycles += b.row_count * b.col_count *
                          tile_cycles(t, v, s, b.shape.pixels(), r.taps.size(), slab);
    }
    return cycles * double(blocks_of(t, v, s.cout));
}

std::vector<int> dense_tiles(int m) {
    std::vector<int> tiles{m};
    for (int p = 8; p >= 1; p /= 2)
        if (p < m) tiles.push_back(p);
    return tiles;
}

double dense_cycles(const IsaTarget& t, Variant v, Shape2 s, std::size_t rows) {
    const std::vector<int> tiles = dense_tiles(max_pixels(t, v, s.cout));
    double cycles = double(rows / std::size_t(tiles[0])) * tile_cycles(t, v, s, tiles[0], 1);
    const std::size_t rest = rows % std::size_t(tiles[0]);
    for (std::size_t i = 1; i < tiles.size(); ++i)
        if (rest & std::size_t(tiles[i])) cycles += tile_cycles(t, v, s, tiles[i], 1);
    return cycles * double(blocks_of(t, v, s.cout));
}

std::vector<Variant> variants(const IsaTarget& t, std::size_t cout, int max_vectors) {
    std::vector<Variant> out;
    for (int v = 1; v <= max_vectors; ++v)
        if (usable(t, {true, v}, cout)) out.push_back({true, v});
    if (usable(t, {false, 0}, cout)) out.push_back({false, 0});
    return out;
}

void set_variant(LinearSchedule& ls, const IsaTarget& t, Variant v, Shape2 s) {
    ls.wide = v.wide;
    ls.vectors = v.vectors;
    ls.blocks = blocks_of(t, v, s.cout);
    ls.block_width = v.wide ? std::size_t(v.vectors * t.lanes) : 0;
    ls.cin_padded = v.wide ? 0 : round_up(s.cin, std::size_t(t.lanes));
}

LinearSchedule schedule_dense(const DenseGemm& d, const IsaTarget& t, std::size_t chunk, Packer& pk) {
    const Shape2 s{d.k, d.n};
    Variant best;
    double best_cycles = -1;
    for (Variant v : variants(t, s.cout, max_dense_vectors)) {
        // Batch 1 and a full chunk count alike, per image.
        const double c = dense_cycles(t, v, s, d.rows) + dense_cycles(t, v, s, d.rows * chunk) / double(chunk);
        if (best_cycles < 0 || c < best_cycles) best = v, best_cycles = c;
    }
    LinearSchedule ls;
    set_variant(ls, t, best, s);
    ls.dense_tiles = dense_tiles(max_pixels(t, best, s.cout));
    if (d.source.has_bias) ls.bias = pk.alloc(ls.wide ? ls.blocks * ls.block_width : round_up(s.cout, std::size_t(t.lanes)));
    ls.weights = pk.alloc(ls.wide ? ls.blocks * d.k * ls.block_width : d.n * ls.cin_padded);
    return ls;
}

// Cycles per chunk of `chunk` images that a wide convolution going through
// its filter blocks `group` images at a time (the whole chunk, or one image)
// spends reading again from beyond L2, besides its tiles: the weights for
// every group after the first, and region-major the group's inputs for
// every phase of every block after the first, the share that does not stay
// in L2 beside the outputs the block writes meanwhile (tap-major tiles count
// their own, conv_cycles).
double reread_cycles(const LinearSchedule& ls, std::size_t phases, std::size_t weight_bytes, const Step& step,
                     std::size_t group, std::size_t chunk) {
    const std::size_t groups = (chunk + group - 1) / group;
    double bytes = double((groups - 1) * weight_bytes) * beyond_l2(weight_bytes);
    if (!ls.tap_major) {
        const std::size_t inputs = group * step.in_shape.size() * sizeof(float);
        const std::size_t outputs = group * step.out_shape.size() * sizeof(float) / ls.blocks;
        bytes += double(groups * (ls.blocks * phases - 1) * inputs) * beyond_l2(inputs + outputs);
    }
    return bytes / l3_bandwidth;
}

// A channel-strided input (a model input the caller holds channels first)
// is read a value at a time, as wide tiles read, not in vectors of channels
// as narrow ones; a channel-strided output is written once per value, not
// accumulated in place tap by tap (tap-major).
LinearSchedule schedule_conv(const TapConvolution& c, Shape2 s, const Step& step, const IsaTarget& t, std::size_t chunk,
                             Packer& pk) {
    const Shape in = step.in_shape;
    const bool narrow_ok = step.in.channel == 1, tap_major_ok = step.out.channel == 1;
    std::size_t taps = 0;
    for (const AxisPhase& rp : c.row_phases)
        for (const AxisPhase& cp : c.col_phases) taps += rp.taps.size() * cp.taps.size();
    LinearSchedule best;
    std::vector<PhaseSchedule> best_phases;
    double best_cycles = -1;
    for (Variant v : variants(t, s.cout, max_conv_vectors)) {
        if (!v.wide && !narrow_ok) continue;
        LinearSchedule ls;
        set_variant(ls, t, v, s);
        if (!v.wide) {
            // Counted twice, as the wide variants count batch 1 and a chunk.
            const NarrowLines n = narrow_lines(t, c, s.cout);
            ls.narrow_weights_held = n.weights_held;
            std::vector<PhaseSchedule> lines = conv_phases(c, n.pixels, true);
            const double cycles = 2 * narrow_cycles(t, c, s, n.weights_held, lines);
            if (best_cycles < 0 || cycles < best_cycles) best = ls, best_cycles = cycles, best_phases = std::move(lines);
            continue;
        }
        std::vector<PhaseSchedule> phases = conv_phases(c, max_pixels(t, v, s.cout));
        add_tap_tiles(c, phases, int(in[0]), int(in[1]), max_pixels(t, v, s.cout));
        for (bool tap_major : {false, true}) {
            if (tap_major && !tap_major_ok) continue;
            // Batch 1 and a full chunk count alike, per image.
            const double cycles = conv_cycles(t, v, s, phases, tap_major, step, 1) +
                                  conv_cycles(t, v, s, phases, tap_major, step, chunk);
            if (best_cycles < 0 || cycles < best_cycles) {
                best = ls, best_cycles = cycles;
                best.tap_major = tap_major;
                best_phases = phases;
            }
        }
    }
    // The loop order: each block through the chunk's images, or each image
    // through every block, whichever spends fewer cycles per chunk. Image by
    // image pays where a step reads its images' data again for every tap or
    // block (a tap-major transposed convolution, or large inputs and outputs
    // per image beside the weights), and loses where the weights are large
    // (tens of MB), as they are then read again for every image. Groups
    // between one image and the chunk gained no more and lost where the
    // weights are large.
    if (best.wide) {
        const std::size_t weight_bytes = taps * s.cin * best.blocks * best.block_width * sizeof(float);
        auto cycles = [&](std::size_t group) {
            return double(chunk) * conv_cycles(t, {true, best.vectors}, s, best_phases, best.tap_major, step, group) +
                   reread_cycles(best, best_phases.size(), weight_bytes, step, group, chunk);
        };
        best.images_outer = cycles(1) < cycles(chunk);
    }
    LinearSchedule ls = best;
    ls.phases = std::move(best_phases);
    // The candidate's phases carry both tilings; the schedule keeps its loop order's.
    for (PhaseSchedule& p : ls.phases) {
        if (ls.tap_major)
            p.regions.clear();
        else
            p.taps.clear();
    }
    if (c.source.has_bias) ls.bias = pk.alloc(ls.wide ? ls.blocks * ls.block_width : round_up(s.cout, std::size_t(t.lanes)));
    for (PhaseSchedule& p : ls.phases) {
        const auto taps = std::size_t(p.packed_taps);
        p.weights = pk.alloc(ls.wide ? ls.blocks * taps * s.cin * ls.block_width : taps * s.cout * ls.cin_padded);
        auto note = [&](const TileBlock& b) {
            if (std::find(ls.tile_shapes.begin(), ls.tile_shapes.end(), b.shape) == ls.tile_shapes.end())
                ls.tile_shapes.push_back(b.shape);
        };
        for (const Region& r : p.regions)
            for (const TileBlock& b : r.tiles) note(b);
        for (const TapTiles& tt : p.taps)
            for (const TileBlock& b : tt.tiles) note(b);
    }
    return ls;
}

std::size_t tile_calls(const LinearSchedule& ls) {
    std::size_t calls = 0;
    for (const PhaseSchedule& p : ls.phases) {
        for (const Region& r : p.regions)
            for (const TileBlock& b : r.tiles) calls += std::size_t(b.row_count * b.col_count);
        for (const TapTiles& tt : p.taps)
            for (const TileBlock& b : tt.tiles) calls += std::size_t(b.row_count * b.col_count);
    }
    return calls;
}

bool wide_linear(const Step& step, const StepSchedule& ss) {
    return (std::holds_alternative<DenseGemm>(step.op) || std::holds_alternative<TapConvolution>(step.op)) &&
           ss.linear.wide;
}

}  // namespace

IsaPlan schedule(const Plan& plan, Isa isa, const ScheduleOptions& options) {
    const IsaTarget& t = isa_target(isa);
    IsaPlan out;
    out.isa = isa;
    Packer pk;
    for (const Step& step : plan.steps) {
        StepSchedule ss;
        if (const auto* d = std::get_if<DenseGemm>(&step.op)) {
            ss.linear = schedule_dense(*d, t, plan.chunk, pk);
        } else if (const auto* c = std::get_if<TapConvolution>(&step.op)) {
            ss.linear = schedule_conv(*c, {step.in_shape.channels(), step.channels}, step, t, plan.chunk, pk);
            ss.unrolled = tile_calls(ss.linear) <= options.code_budget;
        } else if (const auto* g = std::get_if<Gather>(&step.op)) {
            ss.table = pk.alloc(std::size_t(g->input_dim) * g->width);
        } else if (std::holds_alternative<GroupNorm>(step.op)) {
            ss.table = pk.alloc(2 * step.channels);
        }
        const bool wide = wide_linear(step, ss);
        ss.table_width = wide ? ss.linear.blocks * ss.linear.block_width
                              : round_up(step.channels, std::size_t(t.lanes));
        if (wide) ss.parts = ss.linear.blocks;
        if (std::holds_alternative<TapConvolution>(step.op) && !ss.linear.wide)
            ss.parts = ss.linear.phases.size() * narrow_bands(ss.linear.phases.size(), step.in_shape.size() * sizeof(float));
        for (const PointwiseOp& op : step.epilogue)
            ss.tables.push_back(channel_tables(op) > 0 ? pk.alloc(channel_tables(op) * ss.table_width) : 0);
        out.steps.push_back(std::move(ss));
    }
    out.packed_floats = pk.size();
    if (out.packed_floats * sizeof(float) > l2_budget)
        for (std::size_t i = 0; i < plan.steps.size(); ++i)
            if (wide_linear(plan.steps[i], out.steps[i])) out.steps[i].linear.weight_prefetch = weight_prefetch_ahead;
    return out;
}

}  // namespace ganforge::codegen
