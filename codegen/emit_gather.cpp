// Embedding as a gather: each label's row of the packed table, copied with
// the step's epilogue. The label is checked (and truncated as Keras casts it)
// by support::embedding_row, which throws ganforge::Error for a label
// outside the table rather than reading beyond it.
#include "codegen/emitter.hpp"
#include "codegen/generator.hpp"

namespace ganforge::codegen {

void emit_gather(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const auto& g = std::get<Gather>(s.op);
    w.open_namespace(fmt::format("step{}", c.index));
    open_run(w, c);
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.open(fmt::format("for (std::size_t l = 0; l < {}; ++l)", g.labels));
    w.line("const std::size_t row = ganforge::codegen::support::embedding_row(in[n * {} + l], {}, {});", s.in.image,
           g.input_dim, cpp_string(g.layer_name));
    w.line("const float* src = P + {} + row * {};", c.schedule.table, g.width);
    w.line("float* dst = out + n * {} + l * {};", s.out.image, s.out.pixel);
    emit_vector_copy(w, c, {"dst"}, "src", g.width);
    w.close();
    w.close();
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
