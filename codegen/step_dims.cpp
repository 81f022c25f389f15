// A step's geometry as its code names it: numbers of the size the step was
// planned at, or the run-time geometry's fields in an any-size kernel.
#include "codegen/emitter.hpp"

namespace ganforge::codegen {

StepDims step_dims(const StepContext& c) {
    if (c.any_size)
        return {"g.in_rows", "g.in_cols", "g.out_rows", "g.out_cols", "0",        "g.in_row",
                "g.in_pixel", "0",        "g.out_row", "g.out_pixel"};
    const Step& s = c.step;
    const Extents3 in = extents3(s.in_shape), out = extents3(s.out_shape);
    auto n = [](std::size_t v) { return std::to_string(v); };
    return {n(in.rows),     n(in.cols),   n(out.rows),  n(out.cols),      n(s.in.image),
            n(s.in.row),    n(s.in.pixel), n(s.out.image), n(s.out.row), n(s.out.pixel)};
}

void open_run(CodeWriter& w, const StepContext& c, std::string_view band_rows, bool parts) {
    if (!c.any_size) {
        w.open(parts ? run_signature_of(c.schedule) : run_signature);
        return;
    }
    w.open(any_run_signature);
    w.line("[[maybe_unused]] constexpr std::size_t batch = 1;");
    w.line("[[maybe_unused]] const long lo = long(first) * long({0}) / long(g.parts), hi = long(end) * long({0}) / "
           "long(g.parts);",
           band_rows);
}

}  // namespace ganforge::codegen
