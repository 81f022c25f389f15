// The register tiles every linear step is made of, fully unrolled: one
// statement per load, broadcast and FMA of the tile, around a reduction loop
// with a constant trip count (and, for convolutions, a loop over a constant
// table of taps).
#include <algorithm>
#include <map>

#include "codegen/emitter.hpp"

namespace ganforge::codegen {
namespace {

constexpr std::size_t cache_line = 64;  // bytes, on every x86 CPU

std::string offset_expr(std::string_view base, long offset) {
    if (offset == 0) return std::string(base);
    return fmt::format("{} + {}", base, offset);
}

void open_taps(CodeWriter& w, bool tap_table) {
    if (tap_table) {
        w.open("for (int t = 0; t < tap_count; ++t)");
        w.line("const float* xt = x + taps[t].x;");
        w.line("const float* wt = w + taps[t].w;");
    } else {
        w.open("");
        w.line("const float* xt = x;");
        w.line("const float* wt = w;");
    }
}

}  // namespace

void emit_wide_tile(CodeWriter& w, const StepContext& c, const WideTile& tile) {
    const IsaTarget& t = c.isa;
    const std::size_t pixels = tile.in_offsets.size(), vectors = tile.valid.size();
    const LinearSource& src = linear_source(c.step);
    auto at = [&](std::size_t m, std::size_t v) {
        return offset_expr("y", tile.out_offsets[m] + long(v) * t.lanes * tile.out_channel);
    };
    w.line("// {} pixels x {} vectors of {} filters{}", pixels, vectors, t.lanes,
           tile.accumulate ? ", added to the outputs" : "");
    if (tile.accumulate)
        w.open(fmt::format("void {}(const float* x, const float* w, float* y)", tile.name));
    else
        w.open(fmt::format("void {}(const float* x, const float* w, const float* P, std::size_t f0, float* y{})",
                           tile.name, tile.tap_table ? ", const Tap* taps, int tap_count" : ""));
    if (src.has_bias && !tile.accumulate)
        for (std::size_t v = 0; v < vectors; ++v)
            w.line("const {} bias{} = {};", t.vector_type, v,
                   t.load(fmt::format("P + {} + f0 + {}", c.schedule.linear.bias, v * std::size_t(t.lanes))));
    for (std::size_t m = 0; m < pixels; ++m) {
        std::string decl = fmt::format("{} ", t.vector_type);
        for (std::size_t v = 0; v < vectors; ++v) {
            std::string init = src.has_bias ? fmt::format("bias{}", v) : t.zero();
            const std::string held = tile.valid[v] == t.lanes ? t.load(at(m, v)) : t.load_first(at(m, v), tile.valid[v]);
            if (tile.accumulate) init = held;
            else if (src.adds_to_output) init = src.has_bias ? t.add(fmt::format("bias{}", v), held) : held;
            decl += fmt::format("{}c{}_{} = {}", v ? ", " : "", m, v, init);
        }
        w.line(decl + ";");
    }
    open_taps(w, tile.tap_table && !tile.accumulate);
    w.open(fmt::format("for (std::size_t k = 0; k < {}; ++k)", tile.reduction));
    for (std::size_t v = 0; v < vectors; ++v)
        w.line("const {} w{} = {};", t.vector_type, v,
               t.load(offset_expr(fmt::format("wt + k * {}", tile.block_width), long(v) * t.lanes)));
    if (const std::size_t ahead = c.schedule.linear.weight_prefetch) {
        const std::size_t step_bytes = tile.block_width * sizeof(float);
        for (std::size_t line = 0; line == 0 || line < step_bytes; line += 64)
            w.line(t.prefetch(fmt::format("reinterpret_cast<const char*>(wt + k * {}) + {}", tile.block_width,
                                          ahead + line)));
    }
    for (std::size_t m = 0; m < pixels; ++m) {
        const std::string k = tile.in_channel == 1 ? "k" : fmt::format("k * {}", tile.in_channel);
        const std::string x = fmt::format("xt[{}]", offset_expr(k, tile.in_offsets[m]));
        if (vectors == 1) {
            w.line("c{0}_0 = {1};", m, t.fma(t.broadcast(x), "w0", fmt::format("c{}_0", m)));
            continue;
        }
        w.line("{} b{} = {};", t.vector_type, m, t.broadcast(x));
        for (std::size_t v = 0; v < vectors; ++v)
            w.line("c{0}_{1} = {2};", m, v,
                   t.fma(fmt::format("b{}", m), fmt::format("w{}", v), fmt::format("c{}_{}", m, v)));
    }
    w.close();
    w.close();
    std::vector<std::string> vars, channels;
    for (std::size_t m = 0; m < pixels; ++m)
        for (std::size_t v = 0; v < vectors; ++v) {
            vars.push_back(fmt::format("c{}_{}", m, v));
            channels.push_back(offset_expr("f0", long(v) * t.lanes));
        }
    if (!tile.accumulate) emit_vector_epilogue(w, c, vars, channels);
    for (std::size_t m = 0; m < pixels; ++m)
        for (std::size_t v = 0; v < vectors; ++v) {
            const std::string var = fmt::format("c{}_{}", m, v);
            if (tile.out_channel != 1)
                emit_strided_store(w, t, at(m, v), var, tile.valid[v], tile.out_channel);
            else
                w.line(tile.valid[v] == t.lanes ? t.store(at(m, v), var) : t.store_first(at(m, v), var, tile.valid[v]));
        }
    w.close();
}

void emit_strided_store(CodeWriter& w, const IsaTarget& t, std::string_view ptr, std::string_view v, int valid,
                        long stride) {
    w.open("");
    w.line("alignas(64) float lane[{}];", t.lanes);
    w.line(t.store("lane", v));
    for (int l = 0; l < valid; ++l) w.line("({})[{}] = lane[{}];", ptr, long(l) * stride, l);
    w.close();
}

// The accumulators a<m>_<f> of a narrow kernel, one vector over input
// channels per pixel and output; the bias starts in lane 0, where the lane
// sum adds it for nothing.
void emit_narrow_accumulators(CodeWriter& w, const StepContext& c, std::size_t pixels, std::size_t outputs) {
    const IsaTarget& t = c.isa;
    const bool bias = linear_source(c.step).has_bias;
    for (std::size_t f = 0; bias && f < outputs; ++f)
        w.line("const {} bias{} = {};", t.vector_type, f,
               t.load_first(fmt::format("P + {}", c.schedule.linear.bias + f), 1));
    for (std::size_t m = 0; m < pixels; ++m) {
        std::string decl = fmt::format("{} ", t.vector_type);
        for (std::size_t f = 0; f < outputs; ++f)
            decl += fmt::format("{}a{}_{} = {}", f ? ", " : "", m, f, bias ? fmt::format("bias{}", f) : t.zero());
        w.line(decl + ";");
    }
}

// Reduces the accumulators a<m>_<f> to floats, adds what the output holds
// (for a fused Add), runs the epilogue and stores output f of pixel m at y +
// out_offsets[m] + f * out_channel. A register's worth of accumulators at a
// time are summed together (sum_lanes_each); the rest of a group that fills
// less than half a register, one by one.
void emit_narrow_finish(CodeWriter& w, const StepContext& c, const std::vector<long>& out_offsets,
                        std::size_t outputs, long out_channel) {
    const IsaTarget& t = c.isa;
    const auto lanes = std::size_t(t.lanes);
    const std::size_t pixels = out_offsets.size(), n = pixels * outputs;
    const LinearSource& src = linear_source(c.step);
    auto acc = [&](std::size_t i) { return fmt::format("a{}_{}", i / outputs, i % outputs); };
    w.line("alignas(64) float r[{}] = {{}};", (n + lanes - 1) / lanes * lanes);
    for (std::size_t g = 0; g < n; g += lanes) {
        const std::size_t count = std::min(lanes, n - g);
        if (2 * count < lanes) {
            for (std::size_t i = g; i < n; ++i) w.line("r[{}] = {};", i, t.sum_lanes(acc(i)));
            continue;
        }
        std::string list;
        for (std::size_t i = g; i < g + lanes; ++i) list += fmt::format("{}{}", i > g ? ", " : "", i < n ? acc(i) : t.zero());
        w.open("");
        w.line("{} s[] = {{{}}};", t.vector_type, list);
        w.line(t.store(fmt::format("r + {}", g), "sum_lanes_each(s)"));
        w.close();
    }
    if (src.adds_to_output)
        for (std::size_t m = 0; m < pixels; ++m)
            for (std::size_t f = 0; f < outputs; ++f)
                w.line("r[{}] += y[{}];", m * outputs + f, out_offsets[m] + long(f) * out_channel);
    emit_scalar_epilogue(w, c, "r", int(n), int(outputs), "0");
    for (std::size_t m = 0; m < pixels; ++m)
        for (std::size_t f = 0; f < outputs; ++f)
            w.line("y[{}] = r[{}];", out_offsets[m] + long(f) * out_channel, m * outputs + f);
}

void emit_narrow_line(CodeWriter& w, const StepContext& c, const NarrowLine& line) {
    const IsaTarget& t = c.isa;
    const auto lanes = std::size_t(t.lanes);
    const std::size_t full = line.reduction / lanes * lanes, rest = line.reduction - full;
    const std::size_t taps = line.tap_inputs.size();
    // Which (pixel, sliding tap) pairs read each input position.
    std::map<long, std::vector<std::pair<int, std::size_t>>> readers;
    for (int m = 0; m < line.pixels; ++m)
        for (std::size_t b = 0; b < taps; ++b) readers[m * line.in_stride + line.tap_inputs[b]].emplace_back(m, b);
    w.line("// {} pixels in a line x {} output channels; {} sliding taps, {} input vectors per step{}", line.pixels,
           line.outputs, taps, readers.size(), c.schedule.linear.narrow_weights_held ? "" : ", weights from L1");
    // Never inlined: a call costs nothing beside a line's hundreds of FMAs,
    // while inlined into the step's loops a line could be given worse
    // registers (the portable path's lines ran slower inlined).
    w.open(fmt::format("[[gnu::noinline]] void {}(const float* x, const float* w, const float* P, float* y, "
                       "const Tap* taps, int tap_count)",
                       line.name));
    emit_narrow_accumulators(w, c, std::size_t(line.pixels), line.outputs);
    // The input that the next line along the table's axis reads and this one
    // does not (beyond the farthest table entry), prefetched a share at each
    // reduction step of each table entry, shares sized for the largest table
    // of the kernel's calls: a large batch's input comes from L3, where the
    // hardware prefetchers stop at every page. Only a line whose pixels'
    // inputs are one run of memory, along a row.
    const bool run = std::size_t(line.in_stride) * sizeof(float) <= line.reduction * sizeof(float) + cache_line;
    const std::size_t steps = run ? full / lanes : 0;
    const auto [low, high] = std::minmax_element(line.tap_inputs.begin(), line.tap_inputs.end());
    const long span = *high - *low + (line.pixels - 1) * line.in_stride + long(line.reduction);
    const std::size_t lines = (std::size_t(span) * sizeof(float) + cache_line - 1) / cache_line + 1;
    const std::size_t passes = steps * line.table_entries;
    const std::size_t per_step = passes ? (lines + passes - 1) / passes : 0;
    if (per_step > 0) {
        w.line("long farthest = tap_count > 0 ? taps[0].x : 0;");
        w.line("for (int t = 1; t < tap_count; ++t) farthest = farthest > taps[t].x ? farthest : taps[t].x;");
        w.line("const std::uintptr_t ahead = reinterpret_cast<std::uintptr_t>(x) + sizeof(float) * (farthest + {});",
               line.next_line + *low);
    }
    w.open("for (int t = 0; t < tap_count; ++t)");
    w.line("const float* xt = x + taps[t].x;");
    w.line("const float* wt = w + taps[t].w;");
    const bool held = c.schedule.linear.narrow_weights_held;
    auto weight = [&](std::size_t b, std::size_t f, std::string_view k) {
        return t.load(fmt::format("wt + {} + {}", line.tap_weights[b] + long(f * line.reduction_padded), k));
    };
    auto reduce_step = [&](std::string_view k, int valid) {
        if (valid == t.lanes)
            for (std::size_t q = 0; q < per_step; ++q)
                w.line(t.prefetch(fmt::format("reinterpret_cast<const char*>(ahead + t * {} + {} * {} + {})",
                                              steps * per_step * cache_line, k, per_step * cache_line / lanes,
                                              q * cache_line)));
        if (held)
            for (std::size_t b = 0; b < taps; ++b)
                for (std::size_t f = 0; f < line.outputs; ++f)
                    w.line("const {} w{}_{} = {};", t.vector_type, b, f, weight(b, f, k));
        for (const auto& [at, who] : readers) {
            const std::string p = fmt::format("xt + {} + {}", at, k);
            w.open("");
            w.line("const {} v = {};", t.vector_type, valid == t.lanes ? t.load(p) : t.load_first(p, valid));
            for (const auto& [m, b] : who)
                for (std::size_t f = 0; f < line.outputs; ++f)
                    w.line("a{0}_{1} = {2};", m, f,
                           t.fma("v", held ? fmt::format("w{}_{}", b, f) : weight(b, f, k), fmt::format("a{}_{}", m, f)));
            w.close();
        }
    };
    if (full > 0) {
        w.open(fmt::format("for (std::size_t k = 0; k < {}; k += {})", full, lanes));
        reduce_step("k", t.lanes);
        w.close();
    }
    if (rest > 0) {
        w.open("");
        reduce_step(std::to_string(full), int(rest));
        w.close();
    }
    w.close();
    std::vector<long> out;
    for (int m = 0; m < line.pixels; ++m) out.push_back(m * line.out_stride);
    emit_narrow_finish(w, c, out, line.outputs, line.out_channel);
    w.close();
}

void emit_narrow_tile(CodeWriter& w, const StepContext& c, const NarrowTile& tile) {
    const IsaTarget& t = c.isa;
    const std::size_t pixels = tile.in_offsets.size(), outputs = tile.outputs;
    const auto lanes = std::size_t(t.lanes);
    const std::size_t full = tile.reduction / lanes * lanes, rest = tile.reduction - full;
    w.line("// {} pixels x {} output channels, each a vector over input channels", pixels, outputs);
    w.open(fmt::format("void {}(const float* x, const float* w, const float* P, float* y{})", tile.name,
                       tile.tap_table ? ", const Tap* taps, int tap_count" : ""));
    emit_narrow_accumulators(w, c, pixels, outputs);
    open_taps(w, tile.tap_table);
    auto reduce_step = [&](std::string_view k, int valid) {
        for (std::size_t f = 0; f < outputs; ++f)
            w.line("const {} w{} = {};", t.vector_type, f,
                   t.load(fmt::format("wt + {} + {}", f * tile.reduction_padded, k)));
        for (std::size_t m = 0; m < pixels; ++m) {
            const std::string at = fmt::format("xt + {} + {}", tile.in_offsets[m], k);
            w.line("const {} x{} = {};", t.vector_type, m,
                   valid == t.lanes ? t.load(at) : t.load_first(at, valid));
            for (std::size_t f = 0; f < outputs; ++f)
                w.line("a{0}_{1} = {2};", m, f,
                       t.fma(fmt::format("x{}", m), fmt::format("w{}", f), fmt::format("a{}_{}", m, f)));
        }
    };
    if (full > 0) {
        w.open(fmt::format("for (std::size_t k = 0; k < {}; k += {})", full, lanes));
        reduce_step("k", t.lanes);
        w.close();
    }
    if (rest > 0) {
        w.open("");
        reduce_step(std::to_string(full), int(rest));
        w.close();
    }
    w.close();
    emit_narrow_finish(w, c, tile.out_offsets, outputs, 1);
    w.close();
}

std::vector<int> block_lanes(const StepContext& c, std::size_t filters, bool last) {
    const LinearSchedule& ls = c.schedule.linear;
    const auto lanes = std::size_t(c.isa.lanes);
    if (!last) return std::vector<int>(std::size_t(ls.vectors), c.isa.lanes);
    std::vector<int> valid;
    for (std::size_t v = 0; v < std::size_t(ls.vectors); ++v) {
        const std::size_t first = (ls.blocks - 1) * ls.block_width + v * lanes;
        if (first < filters) valid.push_back(int(std::min(lanes, filters - first)));
    }
    return valid;
}

void emit_filter_blocks(CodeWriter& w, const StepContext& c, std::string_view args, std::size_t full_blocks,
                        bool partial) {
    if (c.any_size) {  // an any-size kernel's call has one part: every block
        if (full_blocks > 0) w.line("for (std::size_t fb = 0; fb < {1}; ++fb) block(P, {0}, fb);", args, full_blocks);
        if (partial) w.line("block_last(P, {}, {});", args, full_blocks);
        return;
    }
    if (c.schedule.parts == 1) {  // one block, whole
        w.line("{}(P, {}, 0);", partial ? "block_last" : "block", args);
        return;
    }
    if (full_blocks > 0)
        w.line("for (std::size_t fb = first; fb < end && fb < {1}; ++fb) block(P, {0}, fb);", args, full_blocks);
    if (partial) w.line("if (end > {1}) block_last(P, {0}, {1});", args, full_blocks);
}

}  // namespace ganforge::codegen
