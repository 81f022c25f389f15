// Elementwise steps: a pointwise step (its epilogue, or a copy) and a merge
// (Add or Multiply into the output). They walk the tensor in the longest
// runs of floats both buffers hold contiguously (the whole image when both
// are dense, else a row or a pixel), and per pixel when a per-channel table
// is involved, so that each vector starts at a known channel. A model image
// held channels first has no such runs: its pixels' channels are gathered
// into a run and scattered back (this is also the transposing copy at the
// model's edges).
#include "codegen/emitter.hpp"

namespace ganforge::codegen {
namespace {

void emit_elementwise(CodeWriter& w, const StepContext& c, const Merge* merge) {
    const Step& s = c.step;
    const StepDims d = step_dims(c);
    bool tables = false;
    for (const PointwiseOp& op : s.epilogue) tables |= channel_tables(op) > 0;
    const Extents3 e = extents3(s.out_shape);
    const std::size_t size = s.out_shape.size();
    w.open_namespace(fmt::format("step{}", c.index));
    open_run(w, c);
    const std::string rows_loop =
        c.any_size ? "for (long i = lo; i < hi; ++i)" : fmt::format("for (long i = 0; i < {}; ++i)", d.out_rows);
    if (s.in.channel != 1 || s.out.channel != 1) {
        const std::size_t padded = (e.channels + 15) / 16 * 16;
        w.open("for (std::size_t n = 0; n < batch; ++n)");
        w.open(rows_loop);
        w.open(fmt::format("for (long j = 0; j < {}; ++j)", d.out_cols));
        w.line("const float* src = in + n * {} + i * {} + j * {};", d.in_image, d.in_row, d.in_pixel);
        w.line("float* dst = out + n * {} + i * {} + j * {};", d.out_image, d.out_row, d.out_pixel);
        w.line("alignas(64) float run[{}], result[{}];", padded, padded);
        w.line("for (std::size_t k = 0; k < {}; ++k) run[k] = src[k * {}];", e.channels, s.in.channel);
        if (merge) w.line("for (std::size_t k = 0; k < {}; ++k) result[k] = dst[k * {}];", e.channels, s.out.channel);
        emit_vector_copy(w, c, {"result"}, "run", e.channels, merge);
        w.line("for (std::size_t k = 0; k < {}; ++k) dst[k * {}] = result[k];", e.channels, s.out.channel);
        w.close();
        w.close();
        w.close();
    } else if (!c.any_size && s.in.dense_for(s.out_shape) && s.out.dense_for(s.out_shape)) {
        const std::size_t run = tables ? e.channels : size;  // floats per run of consecutive channels
        w.open(fmt::format("for (std::size_t p = 0; p < batch * {}; ++p)", size / run));
        w.line("const float* src = in + p * {};", run);
        w.line("float* dst = out + p * {};", run);
        emit_vector_copy(w, c, {"dst"}, "src", run, merge);
        w.close();
    } else {
        // Row by row where both hold a row's pixels contiguously (its length a
        // constant), else pixel by pixel.
        const bool rows = !c.any_size && !tables && s.in.pixel == e.channels && s.out.pixel == e.channels;
        w.open("for (std::size_t n = 0; n < batch; ++n)");
        w.open(rows_loop);
        if (!rows) w.open(fmt::format("for (long j = 0; j < long({}); ++j)", d.out_cols));
        const std::string j = rows ? "" : " + j * {}";
        w.line(fmt::runtime("const float* src = in + n * {} + i * {}" + j + ";"), d.in_image, d.in_row, d.in_pixel);
        w.line(fmt::runtime("float* dst = out + n * {} + i * {}" + j + ";"), d.out_image, d.out_row, d.out_pixel);
        emit_vector_copy(w, c, {"dst"}, "src", rows ? e.cols * e.channels : e.channels, merge);
        if (!rows) w.close();
        w.close();
        w.close();
    }
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace

void emit_pointwise(CodeWriter& w, const StepContext& c) { emit_elementwise(w, c, nullptr); }

void emit_merge(CodeWriter& w, const StepContext& c) { emit_elementwise(w, c, &std::get<Merge>(c.step.op)); }

}  // namespace ganforge::codegen
