// UpSampling2D (nearest) on its own: each input position's channels, with
// the epilogue applied once, stored at the rows x cols positions it covers.
#include "codegen/emitter.hpp"

namespace ganforge::codegen {

void emit_upsample_nearest(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const auto& u = std::get<UpsampleNearest>(s.op);
    const StepDims d = step_dims(c);
    const std::size_t ch = s.in_shape[2];
    w.open_namespace(fmt::format("step{}", c.index));
    open_run(w, c, "g.in_rows");
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.open(c.any_size ? "for (long i = lo; i < hi; ++i)" : fmt::format("for (long i = 0; i < {}; ++i)", d.in_rows));
    w.open(fmt::format("for (long j = 0; j < long({}); ++j)", d.in_cols));
    w.line("const float* src = in + n * {} + i * {} + j * {};", d.in_image, d.in_row, d.in_pixel);
    w.line("float* dst = out + n * {} + i * {} * {} + j * {} * {};", d.out_image, u.rows, d.out_row, u.cols,
           d.out_pixel);
    std::vector<std::string> dsts;
    for (int a = 0; a < u.rows; ++a)
        for (int b = 0; b < u.cols; ++b) {
            std::string off;
            if (a != 0) off += fmt::format(" + {} * {}", a, d.out_row);
            if (b != 0) off += fmt::format(" + {} * {}", b, d.out_pixel);
            dsts.push_back("dst" + off);
        }
    emit_vector_copy(w, c, dsts, "src", ch);
    w.close();
    w.close();
    w.close();
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
