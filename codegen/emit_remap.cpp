// DepthToSpace, SpaceToDepth and the edge paddings as a step of their own:
// for each output pixel, its channels copied from the input pixels the
// layer's index map names, with the epilogue applied on the way.
#include "codegen/emitter.hpp"

namespace ganforge::codegen {
namespace {

// The input index an edge-padded axis' output index `var` reads (margin
// `before`, `n` input values), as core/edge_padding.hpp's edge_source.
std::string edge_index(LayerKind kind, std::string_view var, int before, std::size_t n) {
    const std::string i = fmt::format("(long({}) - {})", var, before);
    if (kind == LayerKind::replication_padding2d)
        return fmt::format("std::size_t({0} < 0 ? 0 : ({0} >= {1} ? {1} - 1 : {0}))", i, n);
    return fmt::format("std::size_t({0} < 0 ? -{0} : ({0} >= {1} ? {2} - {0} : {0}))", i, n, 2 * (long(n) - 1));
}

}  // namespace

void emit_remap(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const auto& r = std::get<Remap>(s.op);
    const Extents3 in = extents3(s.in_shape), out = extents3(s.out_shape);
    const auto S = std::size_t(r.block_size);
    w.open_namespace(fmt::format("step{}", c.index));
    w.open(run_signature);
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.open(fmt::format("for (std::size_t i = 0; i < {}; ++i)", out.rows));
    w.open(fmt::format("for (std::size_t j = 0; j < {}; ++j)", out.cols));
    w.line("float* dst = out + n * {} + i * {} + j * {};", s.out.image, s.out.row, s.out.pixel);
    switch (r.kind) {
        case LayerKind::depth_to_space:
            // Output pixel (i, j) is run (i % S, j % S) of input pixel (i / S, j / S).
            w.line("const float* src = in + n * {} + (i / {}) * {} + (j / {}) * {} + ((i % {}) * {} + j % {}) * {};",
                   s.in.image, S, s.in.row, S, s.in.pixel, S, S, S, out.channels);
            emit_vector_copy(w, c, {"dst"}, "src", out.channels);
            break;
        case LayerKind::space_to_depth:
            // Output pixel (i, j) gathers its block's S x S input pixels, row by row.
            w.line("alignas(64) float run[{}];", out.channels);
            w.open(fmt::format("for (std::size_t a = 0; a < {}; ++a)", S));
            w.open(fmt::format("for (std::size_t b = 0; b < {}; ++b)", S));
            w.line("const float* src = in + n * {} + (i * {} + a) * {} + (j * {} + b) * {};", s.in.image, S,
                   s.in.row, S, s.in.pixel);
            w.line("for (std::size_t k = 0; k < {}; ++k) run[(a * {} + b) * {} + k] = src[k];", in.channels, S,
                   in.channels);
            w.close();
            w.close();
            emit_vector_copy(w, c, {"dst"}, "run", out.channels);
            break;
        default:
            w.line("const float* src = in + n * {} + {} * {} + {} * {};", s.in.image,
                   edge_index(r.kind, "i", r.margins.top, in.rows), s.in.row,
                   edge_index(r.kind, "j", r.margins.left, in.cols), s.in.pixel);
            emit_vector_copy(w, c, {"dst"}, "src", out.channels);
            break;
    }
    w.close();
    w.close();
    w.close();
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
