// UpSampling2D (bilinear, either coordinate rule): each output row and
// column's two source indices and weight are constants computed here
// (core/bilinear_taps, as the interpreter), the interpreter's arithmetic in
// its order.
#include "codegen/emitter.hpp"
#include <ganforge/core/bilinear_taps.hpp>
#include "runtime/dsl_literals.hpp"

namespace ganforge::codegen {
namespace {

template <typename T, typename F>
std::string list(const std::vector<T>& v, F&& show) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + show(v[i]);
    return s;
}

void emit_axis(CodeWriter& w, std::string_view name, const std::vector<BilinearTap>& taps, long stride) {
    auto num = [](long v) { return std::to_string(v); };
    std::vector<long> lo, hi;
    std::vector<float> frac;
    for (const BilinearTap& t : taps) {
        lo.push_back(t.lo * stride);
        hi.push_back(t.hi * stride);
        frac.push_back(t.frac);
    }
    w.line("constexpr long {}_lo[] = {{{}}};", name, list(lo, num));
    w.line("constexpr long {}_hi[] = {{{}}};", name, list(hi, num));
    w.line("constexpr float {}_frac[] = {{{}}};", name, list(frac, float_literal));
}

}  // namespace

void emit_upsample_bilinear(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const IsaTarget& t = c.isa;
    const StepDims d = step_dims(c);
    const long ch = long(s.in_shape[2]);
    const auto lanes = long(t.lanes);
    w.open_namespace(fmt::format("step{}", c.index));
    if (!c.any_size) {
        w.line("// Source offsets (floats) and weights of each output row and column.");
        const long h = long(s.in_shape[0]), wd = long(s.in_shape[1]);
        const long oh = long(s.out_shape[0]), ow = long(s.out_shape[1]);
        const UpsampleBilinear& u = std::get<UpsampleBilinear>(s.op);
        emit_axis(w, "row", bilinear_taps(h, oh, u.mode), long(s.in.row));
        emit_axis(w, "col", bilinear_taps(wd, ow, u.mode), long(s.in.pixel));
        w.blank();
    }
    open_run(w, c);
    if (c.any_size)
        for (const char* axis : {"row", "col"})
            w.line("const long *{0}_lo = g.bilinear_{0}s.lo, *{0}_hi = g.bilinear_{0}s.hi; const float* {0}_frac = "
                   "g.bilinear_{0}s.frac;",
                   axis);
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.line("const float* x = in + n * {};", d.in_image);
    w.open(c.any_size ? "for (long oy = lo; oy < hi; ++oy)" : fmt::format("for (long oy = 0; oy < {}; ++oy)", d.out_rows));
    w.line("const {} fy = {};", t.vector_type, t.broadcast("row_frac[oy]"));
    w.open(fmt::format("for (long ox = 0; ox < long({}); ++ox)", d.out_cols));
    w.line("const {} fx = {};", t.vector_type, t.broadcast("col_frac[ox]"));
    w.line("const float* p00 = x + row_lo[oy] + col_lo[ox];");
    w.line("const float* p01 = x + row_lo[oy] + col_hi[ox];");
    w.line("const float* p10 = x + row_hi[oy] + col_lo[ox];");
    w.line("const float* p11 = x + row_hi[oy] + col_hi[ox];");
    w.line("float* y = out + n * {} + oy * {} + ox * {};", d.out_image, d.out_row, d.out_pixel);
    const long full = ch / lanes * lanes;
    auto one = [&](const std::string& k, int valid) {
        auto ld = [&](std::string_view p) {
            const std::string at = fmt::format("{} + {}", p, k);
            return valid == t.lanes ? t.load(at) : t.load_first(at, valid);
        };
        w.line("const {0} a = {1}, b = {2}, c = {3}, d = {4};", t.vector_type, ld("p00"), ld("p01"), ld("p10"),
               ld("p11"));
        w.line("const {} top = {};", t.vector_type, t.add("a", t.mul(t.sub("b", "a"), "fx")));
        w.line("const {} bottom = {};", t.vector_type, t.add("c", t.mul(t.sub("d", "c"), "fx")));
        w.line("{} v = {};", t.vector_type, t.add("top", t.mul(t.sub("bottom", "top"), "fy")));
        emit_vector_epilogue(w, c, {"v"}, {k});
        const std::string at = fmt::format("y + {}", k);
        w.line(valid == t.lanes ? t.store(at, "v") : t.store_first(at, "v", valid));
    };
    if (full > 0) {
        w.open(fmt::format("for (long k = 0; k < {}; k += {})", full, lanes));
        one("k", t.lanes);
        w.close();
    }
    if (ch > full) {
        w.open("");
        one(std::to_string(full), int(ch - full));
        w.close();
    }
    w.close();
    w.close();
    w.close();
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
