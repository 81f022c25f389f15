// A plan's structure: everything of it the generated kernels hold as
// constants except the image's extents. Two plans of one model at two image
// sizes have the same structure when the code generated for one runs the
// other with run-time geometry (any_size_runner.hpp checks it).
#include <fmt/format.h>

#include "codegen/planner.hpp"

namespace ganforge::codegen {
namespace {

std::string sources(const std::vector<AxisPhase>& phases) {
    std::string s;
    for (const AxisPhase& p : phases) {
        s += fmt::format(" phase {}+{}i in_step {}:", p.out_start, p.out_step, p.in_step);
        for (const AxisTap& t : p.taps) {
            s += fmt::format(" {}{{", t.block);
            for (int k : t.sources) s += fmt::format("{},", k);
            s += "}";
        }
    }
    return s;
}

std::string linear(const LinearSource& l) {
    std::string s = fmt::format(" source {} {} {}-{} bias {} adds {}", int(l.kind), l.layer, l.first, l.last,
                                l.has_bias, l.adds_to_output);
    for (std::size_t f : l.folded) s += fmt::format(" folds {}", f);
    return s;
}

std::string op_structure(const StepOp& op) {
    return std::visit(
        [](const auto& o) -> std::string {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, DenseGemm>) return fmt::format("dense {}x{}", o.k, o.n) + linear(o.source);
            else if constexpr (std::is_same_v<T, TapConvolution>)
                return fmt::format("conv {} up {}x{} shuffle {} rows{} cols{}", int(o.kind), o.upsample_rows,
                                   o.upsample_cols, o.shuffle,
                                   sources(o.row_phases), sources(o.col_phases)) +
                       linear(o.source);
            else if constexpr (std::is_same_v<T, UpsampleNearest>) return fmt::format("nearest {}x{}", o.rows, o.cols);
            else if constexpr (std::is_same_v<T, UpsampleBilinear>)
                return fmt::format("bilinear {}x{} {}", o.rows, o.cols, int(o.mode));
            else if constexpr (std::is_same_v<T, Pointwise>) return "pointwise";
            else if constexpr (std::is_same_v<T, Merge>) return fmt::format("merge {}", o.multiply);
            else if constexpr (std::is_same_v<T, Gather>)
                return fmt::format("gather {} {}x{} of {}", o.layer, o.labels, o.width, o.input_dim);
            else if constexpr (std::is_same_v<T, ZeroBorder>)
                return fmt::format("zero border {} {} {} {}", o.margins.top, o.margins.bottom, o.margins.left,
                                   o.margins.right);
            else if constexpr (std::is_same_v<T, Remap>)
                return fmt::format("remap {} {} {} {} {} {}", int(o.kind), o.block_size, o.margins.top, o.margins.bottom,
                                   o.margins.left, o.margins.right);
            else if constexpr (std::is_same_v<T, GroupNorm>)
                return fmt::format("group norm {} {} {}", o.layer, o.groups, o.epsilon);
            else static_assert(sizeof(T) == 0, "a step kind without its structure");
        },
        op);
}

std::string buffer(const BufferRef& b, const Shape& shape) {
    return fmt::format("{}{} pixel {} channel {} rank {} channels {}", int(b.where), b.input, b.pixel, b.channel,
                       shape.rank(), shape.channels());
}

}  // namespace

std::string plan_structure(const Plan& plan) {
    std::string s;
    for (const Step& step : plan.steps) {
        s += op_structure(step.op);
        s += fmt::format(" | in {} | out {} | channels {} |", buffer(step.in, step.in_shape),
                         buffer(step.out, step.out_shape), step.channels);
        for (const PointwiseOp& op : step.epilogue)
            s += fmt::format(" op {} {} {} {}", int(op.kind), int(op.activation), op.alpha, op.layer);
        s += "\n";
    }
    return s;
}

std::uint64_t plan_structure_hash(const Plan& plan) {
    std::uint64_t h = 14695981039346656037ull;
    for (const char ch : plan_structure(plan)) {
        h ^= std::uint64_t(static_cast<unsigned char>(ch));
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace ganforge::codegen
