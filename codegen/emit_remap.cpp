// DepthToSpace, SpaceToDepth and the edge paddings as a step of their own:
// for each output pixel, its channels copied from the input pixels the
// layer's index map names, with the epilogue applied on the way.
#include "codegen/emitter.hpp"

namespace ganforge::codegen {
namespace {

// The input index an edge-padded axis' output index `var` reads (margin
// `before`, `n` input values), as core/edge_padding.hpp's edge_source.
std::string edge_index(LayerKind kind, std::string_view var, int before, std::string_view n) {
    const std::string i = fmt::format("(long({}) - {})", var, before);
    if (kind == LayerKind::replication_padding2d)
        return fmt::format("std::size_t({0} < 0 ? 0 : ({0} >= long({1}) ? long({1}) - 1 : {0}))", i, n);
    return fmt::format("std::size_t({0} < 0 ? -{0} : ({0} >= long({1}) ? 2 * long({1}) - 2 - {0} : {0}))", i, n);
}

}  // namespace

void emit_remap(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const auto& r = std::get<Remap>(s.op);
    const StepDims d = step_dims(c);
    const Extents3 in = extents3(s.in_shape), out = extents3(s.out_shape);
    const auto S = std::size_t(r.block_size);
    w.open_namespace(fmt::format("step{}", c.index));
    open_run(w, c);
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.open(c.any_size ? "for (long i = lo; i < hi; ++i)" : fmt::format("for (long i = 0; i < {}; ++i)", d.out_rows));
    w.open(fmt::format("for (long j = 0; j < long({}); ++j)", d.out_cols));
    w.line("float* dst = out + n * {} + i * {} + j * {};", d.out_image, d.out_row, d.out_pixel);
    switch (r.kind) {
        case LayerKind::depth_to_space:
            // Output pixel (i, j) is run (i % S, j % S) of input pixel (i / S, j / S).
            w.line("const float* src = in + n * {} + (i / {}) * {} + (j / {}) * {} + ((i % {}) * {} + j % {}) * {};",
                   d.in_image, S, d.in_row, S, d.in_pixel, S, S, S, out.channels);
            emit_vector_copy(w, c, {"dst"}, "src", out.channels);
            break;
        case LayerKind::space_to_depth:
            // Output pixel (i, j) gathers its block's S x S input pixels, row by row.
            w.line("alignas(64) float run[{}];", out.channels);
            w.open(fmt::format("for (long a = 0; a < {}; ++a)", S));
            w.open(fmt::format("for (long b = 0; b < {}; ++b)", S));
            w.line("const float* src = in + n * {} + (i * {} + a) * {} + (j * {} + b) * {};", d.in_image, S, d.in_row,
                   S, d.in_pixel);
            w.line("for (std::size_t k = 0; k < {}; ++k) run[(a * {} + b) * {} + k] = src[k];", in.channels, S,
                   in.channels);
            w.close();
            w.close();
            emit_vector_copy(w, c, {"dst"}, "run", out.channels);
            break;
        default:
            w.line("const float* src = in + n * {} + {} * {} + {} * {};", d.in_image,
                   edge_index(r.kind, "i", r.margins.top, d.in_rows), d.in_row,
                   edge_index(r.kind, "j", r.margins.left, d.in_cols), d.in_pixel);
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
