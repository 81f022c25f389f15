// GroupNormalization as a step of its own: per image, one pass for each
// channel's sum and sum of squares (in double, so that E[x^2] - mean^2 keeps
// its digits), the groups' scale and shift per channel, then one pass
// applying x * scale + shift and the epilogue.
#include "codegen/emitter.hpp"
#include "runtime/dsl_literals.hpp"

namespace ganforge::codegen {

void emit_group_norm(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const auto& g = std::get<GroupNorm>(s.op);
    const Extents3 e = extents3(s.out_shape);
    const std::size_t C = e.channels, width = C / g.groups;
    const std::size_t count = e.rows * e.cols * width;
    w.open_namespace(fmt::format("step{}", c.index));
    w.open(run_signature);
    w.line("const float* gamma = P + {};", c.schedule.table);
    w.line("const float* beta = P + {};", c.schedule.table + C);
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.line("double sum[{0}] = {{}}, squares[{0}] = {{}};", C);
    w.open(fmt::format("for (std::size_t i = 0; i < {}; ++i)", e.rows));
    w.open(fmt::format("for (std::size_t j = 0; j < {}; ++j)", e.cols));
    w.line("const float* x = in + n * {} + i * {} + j * {};", s.in.image, s.in.row, s.in.pixel);
    w.open(fmt::format("for (std::size_t k = 0; k < {}; ++k)", C));
    w.line("sum[k] += double(x[k]);");
    w.line("squares[k] += double(x[k]) * double(x[k]);");
    w.close();
    w.close();
    w.close();
    w.line("alignas(64) float scale[{0}], shift[{0}];", C);
    w.open(fmt::format("for (std::size_t g = 0; g < {}; ++g)", g.groups));
    w.line("double s = 0.0, q = 0.0;");
    w.open(fmt::format("for (std::size_t k = g * {0}; k < (g + 1) * {0}; ++k)", width));
    w.line("s += sum[k];");
    w.line("q += squares[k];");
    w.close();
    w.line("const double mean = s / {}.0;", count);
    w.line("const double variance = q / {}.0 - mean * mean;", count);
    w.line("const double inv = 1.0 / __builtin_sqrt((variance > 0.0 ? variance : 0.0) + double({}));",
           float_literal(g.epsilon));
    w.open(fmt::format("for (std::size_t k = g * {0}; k < (g + 1) * {0}; ++k)", width));
    w.line("scale[k] = float(double(gamma[k]) * inv);");
    w.line("shift[k] = float(double(beta[k]) - mean * double(gamma[k]) * inv);");
    w.close();
    w.close();
    w.open(fmt::format("for (std::size_t i = 0; i < {}; ++i)", e.rows));
    w.open(fmt::format("for (std::size_t j = 0; j < {}; ++j)", e.cols));
    w.line("const float* x = in + n * {} + i * {} + j * {};", s.in.image, s.in.row, s.in.pixel);
    w.line("float* dst = out + n * {} + i * {} + j * {};", s.out.image, s.out.row, s.out.pixel);
    w.line("alignas(64) float run[{}];", C);
    w.line("for (std::size_t k = 0; k < {}; ++k) run[k] = x[k] * scale[k] + shift[k];", C);
    emit_vector_copy(w, c, {"dst"}, "run", C);
    w.close();
    w.close();
    w.close();
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
