// One ISA's kernel source: the steps of the plan as functions, in their own
// namespace, with no inline function shared with other translation units.
#include "codegen/emitter.hpp"
#include "codegen/generator.hpp"

namespace ganforge::codegen {

namespace {

void emit_steps(CodeWriter& w, const Plan& plan, const IsaPlan& isa, bool any_size) {
    const IsaTarget& t = isa_target(isa.isa);
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const Step& s = plan.steps[i];
        const StepContext c{s, isa.steps[i], t, i, any_size};
        w.blank();
        w.line("// ---- step {}: {}", i, s.name);
        if (!any_size)
            w.line("// {} -> {} floats per image, {} multiply-adds per image.", s.in.image, s.out.image, s.macs);
        std::visit(
            [&](const auto& op) {
                using T = std::decay_t<decltype(op)>;
                if constexpr (std::is_same_v<T, DenseGemm>) emit_dense_gemm(w, c);
                else if constexpr (std::is_same_v<T, TapConvolution>) emit_tap_convolution(w, c);
                else if constexpr (std::is_same_v<T, UpsampleNearest>) emit_upsample_nearest(w, c);
                else if constexpr (std::is_same_v<T, UpsampleBilinear>) emit_upsample_bilinear(w, c);
                else if constexpr (std::is_same_v<T, Pointwise>) emit_pointwise(w, c);
                else if constexpr (std::is_same_v<T, Merge>) emit_merge(w, c);
                else if constexpr (std::is_same_v<T, Gather>) emit_gather(w, c);
                else if constexpr (std::is_same_v<T, ZeroBorder>) emit_zero_border(w, c);
                else if constexpr (std::is_same_v<T, Remap>) emit_remap(w, c);
                else if constexpr (std::is_same_v<T, GroupNorm>) emit_group_norm(w, c);
                else static_assert(sizeof(T) == 0, "a step kind without an emitter");
            },
            s.op);
    }
}

}  // namespace

std::string emit_kernels(const Plan& plan, const IsaPlan& isa, const GeneratorOptions& options,
                         const AnySizePath* any, std::size_t k) {
    const IsaTarget& t = isa_target(isa.isa);
    CodeWriter w;
    w.raw(header_banner(options));
    w.line("//");
    w.line("// The {} path of {}::{}: {}.", t.name, options.name_space, options.class_name, t.description);
    w.line("// Compiled with its own flags and called only on a CPU that has them; it");
    w.line("// shares no inline function with the other sources of the network.");
    w.blank();
    w.raw(t.preamble());
    w.blank();
    w.line("#include <cstddef>");
    w.line("#include <cstdint>");
    w.blank();
    w.line("#include <ganforge/codegen/support/any_size_geometry.hpp>");
    w.line("#include <ganforge/codegen/support/kernel_abi.hpp>");
    w.blank();
    w.open_namespace(fmt::format("{}::{}", kernels_namespace(options), t.name));
    w.open_namespace("");
    bool taps = false;
    for (const Step& s : plan.steps) taps |= std::holds_alternative<TapConvolution>(s.op);
    for (const Step& s : any ? any->plan.steps : std::vector<Step>{}) taps |= std::holds_alternative<TapConvolution>(s.op);
    if (taps) {
        w.blank();
        w.line("using Tap = ganforge::codegen::support::Tap;");
    }
    emit_steps(w, plan, isa, false);
    if (any) {
        w.blank();
        w.line("// The any-size kernels (predict_image at another size): the same steps with");
        w.line("// the image's extents and strides from the run-time geometry g.");
        w.open_namespace("any");
        emit_steps(w, any->plan, any->isas[k], true);
        w.close_namespace("any");
    }
    w.blank();
    w.close_namespace("");
    w.blank();
    // Every step's entry has the parameters of a step with parts; a step
    // without them is only ever given its one part.
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const bool parts = isa.steps[i].parts > 1;
        w.open(fmt::format("void step_{}({})", i, step_parameters(parts)));
        w.line("step{}::run(P, in, out, batch{});", i, parts ? ", first, end" : "");
        w.close();
    }
    for (std::size_t i = 0; any && i < any->plan.steps.size(); ++i) {
        w.open(fmt::format("void any_step_{}({})", i, any_step_parameters));
        w.line("any::step{}::run(P, g, in, out, first, end);", i);
        w.close();
    }
    w.blank();
    w.close_namespace(fmt::format("{}::{}", kernels_namespace(options), t.name));
    return w.str();
}

}  // namespace ganforge::codegen
