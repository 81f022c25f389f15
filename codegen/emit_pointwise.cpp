// A step that only applies pointwise layers (or copies): per image when no
// per-channel table is involved, else per position so that each vector
// starts at a known channel.
#include <ganforge/codegen/emitter.hpp>

namespace ganforge::codegen {

void emit_pointwise(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    bool tables = false;
    for (const PointwiseOp& op : s.epilogue) tables |= op.kind == PointwiseOp::Kind::scale_shift;
    const std::size_t size = s.out_shape.size();
    const std::size_t run = tables ? s.channels : size;  // floats per run of consecutive channels
    w.open_namespace(fmt::format("step{}", c.index));
    w.open(run_signature);
    w.open(fmt::format("for (std::size_t p = 0; p < batch * {}; ++p)", size / run));
    w.line("const float* src = in + p * {};", run);
    w.line("float* dst = out + p * {};", run);
    emit_vector_copy(w, c, {"dst"}, "src", run);
    w.close();
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
