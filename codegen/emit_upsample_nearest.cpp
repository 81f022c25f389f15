// UpSampling2D (nearest) on its own: each input position's channels, with
// the epilogue applied once, stored at the rows x cols positions it covers.
#include "codegen/emitter.hpp"

namespace ganforge::codegen {

void emit_upsample_nearest(CodeWriter& w, const StepContext& c) {
    const Step& s = c.step;
    const auto& u = std::get<UpsampleNearest>(s.op);
    const std::size_t h = s.in_shape[0], wd = s.in_shape[1], ch = s.in_shape[2];
    w.open_namespace(fmt::format("step{}", c.index));
    w.open(run_signature);
    w.open("for (std::size_t n = 0; n < batch; ++n)");
    w.open(fmt::format("for (std::size_t i = 0; i < {}; ++i)", h));
    w.open(fmt::format("for (std::size_t j = 0; j < {}; ++j)", wd));
    w.line("const float* src = in + n * {} + i * {} + j * {};", s.in.image, s.in.row, s.in.pixel);
    w.line("float* dst = out + n * {} + i * {} + j * {};", s.out.image, std::size_t(u.rows) * s.out.row,
           std::size_t(u.cols) * s.out.pixel);
    std::vector<std::string> dsts;
    for (int a = 0; a < u.rows; ++a)
        for (int b = 0; b < u.cols; ++b) {
            const std::size_t off = std::size_t(a) * s.out.row + std::size_t(b) * s.out.pixel;
            dsts.push_back(off == 0 ? "dst" : fmt::format("dst + {}", off));
        }
    emit_vector_copy(w, c, dsts, "src", ch);
    w.close();
    w.close();
    w.close();
    w.close();
    w.close_namespace(fmt::format("step{}", c.index));
}

}  // namespace ganforge::codegen
