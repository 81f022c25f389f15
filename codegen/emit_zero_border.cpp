// ZeroPadding2D's border: zeros at every position outside the interior,
// which another step writes (the padded layer's input, in place or copied).
#include "codegen/emitter.hpp"

namespace ganforge::codegen {

void emit_zero_border(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const Margins m = std::get<ZeroBorder>(s.op).margins;
    const StepDims d = step_dims(c);
    const std::size_t channels = extents3(s.out_shape).channels;
    w.open_namespace(fmt::format("step{}", c.index));
    open_run(w, c);
    w.line("(void)in;");
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.open(c.any_size ? "for (long i = lo; i < hi; ++i)" : fmt::format("for (long i = 0; i < {}; ++i)", d.out_rows));
    w.line("const bool edge = i < {} || i >= long({}) - {};", m.top, d.out_rows, m.bottom);
    w.open(fmt::format("for (long j = 0; j < long({}); ++j)", d.out_cols));
    w.line("if (!edge && j >= {} && j < long({}) - {}) continue;", m.left, d.out_cols, m.right);
    w.line("float* y = out + n * {} + i * {} + j * {};", d.out_image, d.out_row, d.out_pixel);
    w.line("for (std::size_t k = 0; k < {}; ++k) y[k] = 0.0f;", channels);
    w.close();
    w.close();
    w.close();
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
