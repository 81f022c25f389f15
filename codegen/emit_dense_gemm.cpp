// Dense as a matrix product over the batch: for each filter block, rows
// (images x positions) in register tiles of the largest size, the rest by
// the binary digits of what remains (so any batch runs with a few tiles).
#include "codegen/emitter.hpp"

namespace ganforge::codegen {
namespace {

void emit_block(CodeWriter& w, const StepContext& c, const DenseGemm& d, bool last) {
    const LinearSchedule& ls = c.schedule.linear;
    const std::string suffix = last ? "_last" : "";
    if (ls.wide) {
        w.open(fmt::format("void block{}(const float* P, const float* in, float* out, std::size_t rows, std::size_t fb)", suffix));
        w.line("const float* w = P + {} + fb * {};", ls.weights, d.k * ls.block_width);
        w.line("const std::size_t f0 = fb * {};", ls.block_width);
    } else {
        w.open("void block(const float* P, const float* in, float* out, std::size_t rows)");
        w.line("const float* w = P + {};", ls.weights);
    }
    const std::string args = ls.wide ? ", w, P, f0, out + r * {3} + f0);" : ", w, P, out + r * {3});";
    const int top = ls.dense_tiles.front();
    w.line("std::size_t r = 0;");
    w.line(fmt::runtime("for (; r + {0} <= rows; r += {0}) tile_{0}{1}(in + r * {2}" + args), top, suffix, d.k, d.n);
    if (ls.dense_tiles.size() > 1) {
        w.line("const std::size_t rest = rows - r;");
        for (std::size_t i = 1; i < ls.dense_tiles.size(); ++i) {
            const int m = ls.dense_tiles[i];
            w.open(fmt::format("if (rest & {})", m));
            w.line(fmt::runtime("tile_{0}{1}(in + r * {2}" + args), m, suffix, d.k, d.n);
            w.line("r += {};", m);
            w.close();
        }
    }
    w.close();
    w.blank();
}

}  // namespace

void emit_dense_gemm(CodeWriter& w, const StepContext& c) {
    const auto& d = std::get<DenseGemm>(c.step.op);
    const LinearSchedule& ls = c.schedule.linear;
    w.open_namespace(fmt::format("step{}", c.index));
    if (ls.wide)
        w.line("// Weights: [{} filter blocks][{}][{}]; rows of {} in {}, {} filters out.", ls.blocks, d.k,
               ls.block_width, d.k, d.k, d.n);
    else
        w.line("// Weights: [{}][{}]; vectorised over the {} inputs.", d.n, ls.cin_padded, d.k);
    const bool partial = ls.wide && d.n % ls.block_width != 0;
    const std::size_t full_blocks = ls.wide ? ls.blocks - (partial ? 1 : 0) : 0;
    auto tiles = [&](bool last, const std::vector<int>& valid) {
        for (int m : ls.dense_tiles) {
            std::vector<long> in, out;
            for (int i = 0; i < m; ++i) {
                in.push_back(long(i) * long(d.k));
                out.push_back(long(i) * long(d.n));
            }
            const std::string name = fmt::format("tile_{}{}", m, last ? "_last" : "");
            if (ls.wide)
                emit_wide_tile(w, c, {name, in, out, d.k, ls.block_width, valid, false});
            else
                emit_narrow_tile(w, c, {name, in, out, d.k, ls.cin_padded, d.n, false});
            w.blank();
        }
        emit_block(w, c, d, last);
    };
    if (!ls.wide || full_blocks > 0) tiles(false, block_lanes(c, d.n, false));
    if (partial) tiles(true, block_lanes(c, d.n, true));
    open_run(w, c, "g.out_rows", true);
    if (c.any_size)  // the image's positions (an image input's rows x columns), each a row of the product
        w.line("const std::size_t rows = std::size_t(g.out_rows * g.out_cols);");
    else
        w.line("const std::size_t rows = batch * {};", d.rows);
    if (!ls.wide) {
        w.line("block(P, in, out, rows);");
    } else {
        emit_filter_blocks(w, c, "in, out, rows", full_blocks, partial);
    }
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
