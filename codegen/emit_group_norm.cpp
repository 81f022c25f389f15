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
    const StepDims d = step_dims(c);
    const std::size_t C = extents3(s.out_shape).channels, width = C / g.groups;
    w.open_namespace(fmt::format("step{}", c.index));
    open_run(w, c);
    w.line("const float* gamma = P + {};", c.schedule.table);
    w.line("const float* beta = P + {};", c.schedule.table + C);
    w.line("const double count = double({}) * double({}) * {}.0;", d.out_rows, d.out_cols, width);
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.line("double sum[{0}] = {{}}, squares[{0}] = {{}};", C);
    w.open(fmt::format("for (long i = 0; i < long({}); ++i)", d.out_rows));
    w.open(fmt::format("for (long j = 0; j < long({}); ++j)", d.out_cols));
    w.line("const float* x = in + n * {} + i * {} + j * {};", d.in_image, d.in_row, d.in_pixel);
    w.open(fmt::format("for (std::size_t k = 0; k < {}; ++k)", C));
    w.line("sum[k] += double(x[k]);");
    w.line("squares[k] += double(x[k]) * double(x[k]);");
    w.close();
    w.close();
    w.close();
    w.line("alignas(64) float scale[{0}], shift[{0}];", C);
    w.open(fmt::format("for (std::size_t group = 0; group < {}; ++group)", g.groups));
    w.line("double s = 0.0, q = 0.0;");
    w.open(fmt::format("for (std::size_t k = group * {0}; k < (group + 1) * {0}; ++k)", width));
    w.line("s += sum[k];");
    w.line("q += squares[k];");
    w.close();
    w.line("const double mean = s / count;");
    w.line("const double variance = q / count - mean * mean;");
    w.line("const double inv = 1.0 / __builtin_sqrt((variance > 0.0 ? variance : 0.0) + double({}));",
           float_literal(g.epsilon));
    w.open(fmt::format("for (std::size_t k = group * {0}; k < (group + 1) * {0}; ++k)", width));
    w.line("scale[k] = float(double(gamma[k]) * inv);");
    w.line("shift[k] = float(double(beta[k]) - mean * double(gamma[k]) * inv);");
    w.close();
    w.close();
    w.open(fmt::format("for (long i = 0; i < long({}); ++i)", d.out_rows));
    w.open(fmt::format("for (long j = 0; j < long({}); ++j)", d.out_cols));
    w.line("const float* x = in + n * {} + i * {} + j * {};", d.in_image, d.in_row, d.in_pixel);
    w.line("float* dst = out + n * {} + i * {} + j * {};", d.out_image, d.out_row, d.out_pixel);
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
