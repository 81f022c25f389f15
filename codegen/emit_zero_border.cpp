// ZeroPadding2D's border: zeros at every position outside the interior,
// which another step writes (the padded layer's input, in place or copied).
#include "codegen/emitter.hpp"

namespace ganforge::codegen {

void emit_zero_border(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const Margins m = std::get<ZeroBorder>(s.op).margins;
    const Extents3 e = extents3(s.out_shape);
    w.open_namespace(fmt::format("step{}", c.index));
    w.open(run_signature);
    w.line("(void)in;");
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.open(fmt::format("for (std::size_t i = 0; i < {}; ++i)", e.rows));
    w.line("const bool edge = i < {} || i >= {};", m.top, e.rows - std::size_t(m.bottom));
    w.open(fmt::format("for (std::size_t j = 0; j < {}; ++j)", e.cols));
    w.line("if (!edge && j >= {} && j < {}) continue;", m.left, e.cols - std::size_t(m.right));
    w.line("float* y = out + n * {} + i * {} + j * {};", s.out.image, s.out.row, s.out.pixel);
    w.line("for (std::size_t k = 0; k < {}; ++k) y[k] = 0.0f;", e.channels);
    w.close();
    w.close();
    w.close();
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
