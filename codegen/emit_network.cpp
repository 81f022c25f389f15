// The generated network's source: the model check, weight packing for each
// ISA, the dispatch table, run_images' batch tiling and buffer plan (predict
// is the runtime's GeneratedNetwork, which calls run_images).
#include <cctype>

#include <fmt/format.h>

#include "codegen/code_writer.hpp"
#include "codegen/generator.hpp"
#include "codegen/isa_target.hpp"
#include "runtime/dsl_literals.hpp"

namespace ganforge::codegen {
namespace {

// "ganforge::Shape{7, 7, 128}"
std::string shape_value(const Shape& s) { return "ganforge::Shape" + shape_literal(s); }

std::string enum_kind(LayerKind k) {
    switch (k) {
#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem) \
    case LayerKind::kind: return "ganforge::LayerKind::" #kind;
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND
    }
    return "?";
}

std::string inbound_literal(const LayerSpec& l) {
    std::string s;
    for (std::size_t j = 0; j < l.inbound_count; ++j)
        s += fmt::format("{}{{{}, {}}}", j ? ", " : "", l.inbound[j].model_input, l.inbound[j].index);
    return fmt::format("{{{{{}}}}}", s);
}

// The axes of a set, "1, 2".
std::string axes_literal(const AxisSet& a) {
    std::string s;
    for (int axis = 1; axis <= 3; ++axis)
        if (a.mask & (1u << axis)) s += fmt::format("{}{}", s.empty() ? "" : ", ", axis);
    return s;
}

std::string layer_literal(const LayerSpec& l) {
    return fmt::format(
        "{{.kind = {}, .units = {}, .input_dim = {}, .kernel_size = {{{}, {}}}, .strides = {{{}, {}}}, "
        ".size = {{{}, {}}}, .padding = ganforge::Padding::{}, .output_padding = {}, .interpolation = ganforge::Interpolation::{}, "
        ".activation = ganforge::Activation::{}, .use_bias = {}, .center = {}, .scale = {}, "
        ".alpha = {}, .epsilon = {}, .rate = {}, .target_shape = {}, .axis = {}, "
        ".margins = ganforge::Margins{{ganforge::Size2{{{}, {}}}, ganforge::Size2{{{}, {}}}}}, .block_size = {}, "
        ".multiplier = {}, .offset = {}, .shared_axes = ganforge::AxisSet{{{}}}, .groups = {}, .inbound = {}, "
        ".inbound_count = {}, .input_shape = {}, .output_shape = {}}}",
        enum_kind(l.kind), l.units, l.input_dim, l.kernel_size.rows, l.kernel_size.cols, l.strides.rows,
        l.strides.cols, l.size.rows, l.size.cols, keras_name(l.padding), output_padding_literal(l.output_padding),
        keras_name(l.interpolation),
        enumerator_name(l.activation), l.use_bias, l.center, l.scale, float_literal(l.alpha), float_literal(l.epsilon),
        float_literal(l.rate), shape_value(l.target_shape), l.axis, l.margins.top, l.margins.bottom,
        l.margins.left, l.margins.right, l.block_size, float_literal(l.multiplier), float_literal(l.offset),
        axes_literal(l.shared_axes), l.groups, inbound_literal(l), l.inbound_count, shape_value(l.input_shape),
        shape_value(l.output_shape));
}

// The pointer expression of a step's buffer in predict: x (or x<k> for input
// k of several), y, or the arena, at the tensor's offset.
std::string buffer_expr(const BufferRef& b, std::size_t inputs) {
    std::string base;
    switch (b.where) {
        case BufferRef::Where::input: base = inputs == 1 ? "x" : fmt::format("x{}", b.input); break;
        case BufferRef::Where::output: base = "y"; break;
        case BufferRef::Where::arena: base = "arena"; break;
    }
    return b.offset == 0 ? base : fmt::format("{} + {}", base, b.offset);
}

// The buffer plan's comment: where a step's tensor lives (the joined
// tensor's place, and the offset within it) and, when not dense, its strides.
std::string buffer_text(const BufferRef& b, const Shape& shape, std::size_t chunk, std::size_t inputs) {
    std::string where;
    switch (b.where) {
        case BufferRef::Where::input: where = inputs == 1 ? "input" : fmt::format("input {}", b.input); break;
        case BufferRef::Where::output: where = "output"; break;
        case BufferRef::Where::arena: {
            const std::size_t base = b.offset - b.within;
            where = fmt::format("arena[{}, {})", base, base + chunk * b.image);
            break;
        }
    }
    if (b.within != 0) where += fmt::format(" + {}", b.within);
    if (!b.dense_for(shape))
        where += fmt::format(" (strides: image {}, row {}, pixel {}{})", b.image, b.row, b.pixel,
                             b.channel == 1 ? "" : fmt::format(", channel {}: channels first", b.channel));
    return where;
}

std::string axis_taps(const std::vector<AxisTap>& taps) {
    std::string s;
    for (const AxisTap& t : taps) {
        s += fmt::format("{}{}", s.empty() ? "" : ", ", t.sources.size());
        for (int k : t.sources) s += fmt::format(", {}", k);
    }
    return s;
}

std::string size_list(const std::vector<std::size_t>& v) {
    std::string s;
    for (std::size_t x : v) s += fmt::format("{}{}", s.empty() ? "" : ", ", x);
    return s;
}

// The packing function `name` of `plan` on `isa`.
std::string pack_text(const Plan& plan, const IsaPlan& isa, std::string_view name) {
    CodeWriter w;
    w.open(fmt::format("void {}(const ganforge::WeightStore& weights, float* P)", name));
    w.line("namespace support = ganforge::codegen::support;");
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const Step& s = plan.steps[i];
        const StepSchedule& ss = isa.steps[i];
        const auto* dense = std::get_if<DenseGemm>(&s.op);
        const auto* conv = std::get_if<TapConvolution>(&s.op);
        const auto* gather = std::get_if<Gather>(&s.op);
        bool tables = false;
        const auto* group_norm = std::get_if<GroupNorm>(&s.op);
        for (const PointwiseOp& op : s.epilogue) tables |= channel_tables(op) > 0;
        if (!dense && !conv && !gather && !group_norm && !tables) continue;
        w.open("");
        w.line("// step {}: {}", i, s.name);
        if (dense || conv) {
            const LinearSource& src = dense ? dense->source : conv->source;
            const LinearSchedule& ls = ss.linear;
            if (src.kind == LinearSource::Kind::affine_chain)
                w.line("auto w = support::affine_chain_weights(weights, {}, {});", src.first, src.last);
            else
                w.line("auto w = support::layer_weights(weights, {});", src.layer);
            if (!src.folded.empty())
                w.line("support::fold_channel_affines(w, weights, std::array<std::size_t, {}>{{{}}});", src.folded.size(),
                       size_list(src.folded));
            auto pack = [&](std::string_view rows, std::string_view cols, std::size_t at) {
                if (ls.wide)
                    w.line("support::pack_wide(w, {}, {}, {}, P + {});", rows, cols, ls.block_width, at);
                else
                    w.line("support::pack_narrow(w, {}, {}, {}, P + {});", rows, cols, ls.cin_padded, at);
            };
            if (dense) {
                w.line("constexpr int one[] = {1, 0};");
                pack("one", "one", ls.weights);
            } else {
                for (std::size_t p = 0; p < ls.phases.size(); ++p) {
                    const PhaseSchedule& ps = ls.phases[p];
                    const AxisPhase& rp = conv->row_phases[std::size_t(ps.row_phase)];
                    const AxisPhase& cp = conv->col_phases[std::size_t(ps.col_phase)];
                    if (ps.packed_taps == 0) continue;
                    w.open("");
                    w.line("// phase {}: rows {}+{}i, columns {}+{}j", p, rp.out_start, rp.out_step, cp.out_start,
                           cp.out_step);
                    w.line("constexpr int rows[] = {{{}}}, cols[] = {{{}}};", axis_taps(rp.taps), axis_taps(cp.taps));
                    pack("rows", "cols", ps.weights);
                    w.close();
                }
            }
            if (src.has_bias) w.line("support::pack_bias(w, P + {});", ls.bias);
        }
        if (gather) w.line("support::pack_embedding(weights, {}, P + {});", gather->layer, ss.table);
        if (group_norm)
            w.line("support::pack_gamma_beta(weights, {}, P + {}, P + {});", group_norm->layer, ss.table,
                   ss.table + s.channels);
        for (std::size_t k = 0; k < s.epilogue.size(); ++k) {
            const PointwiseOp& op = s.epilogue[k];
            if (op.kind == PointwiseOp::Kind::scale_shift)
                w.line("support::pack_scale_shift(weights, {}, {}, P + {}, P + {});", op.layer, s.channels,
                       ss.tables[k], ss.tables[k] + ss.table_width);
            else if (op.kind == PointwiseOp::Kind::prelu)
                w.line("support::pack_slopes(weights, {}, {}, P + {});", op.layer, s.channels, ss.tables[k]);
        }
        w.close();
    }
    w.close();
    return w.str();
}

// run_images (the buffer plan, chunk by chunk), which GeneratedNetwork's
// predict calls, and run_step.
void emit_run(CodeWriter& w, const Plan& plan, const std::string& cls, const std::string& k) {
    const std::size_t inputs = plan.input_shapes.size();
    const std::size_t out = plan.output_shape.size();
    w.line("// Buffer plan: chunks of up to {} images; scratch arena of {} floats per thread.", plan.chunk,
           plan.arena_floats);
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const Step& s = plan.steps[i];
        const bool reads = !std::holds_alternative<ZeroBorder>(s.op);
        w.line("//   step {}: {} -> {}", i, reads ? buffer_text(s.in, s.in_shape, plan.chunk, inputs) : "nothing",
               buffer_text(s.out, s.out_shape, plan.chunk, inputs));
    }
    w.open(fmt::format("void {}::run_images(const float* const* inputs, float* output, std::size_t batch, "
                       "const ganforge::ParallelFor* steps) const",
                       cls));
    w.line("const ganforge::FlushDenormals flush;  // denormals are zeros until the call returns");
    if (plan.arena_floats > 0)
        w.line("float* const arena = ganforge::codegen::support::thread_scratch({});", plan.arena_floats);
    w.line("const float* const P = packed_.data();");
    w.open(fmt::format("for (std::size_t n = 0; n < batch; n += {})", plan.chunk));
    w.line("const std::size_t images = std::min<std::size_t>({}, batch - n);", plan.chunk);
    if (inputs == 1)
        w.line("const float* const x = inputs[0] + n * {};", plan.input_shapes[0].size());
    else
        for (std::size_t i = 0; i < inputs; ++i)
            w.line("const float* const x{0} = inputs[{0}] + n * {1};", i, plan.input_shapes[i].size());
    w.line("float* const y = output + n * {};", out);
    w.line("const ganforge::codegen::support::StepCall calls[] = {");
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const Step& s = plan.steps[i];
        const bool reads = !std::holds_alternative<ZeroBorder>(s.op);
        w.line("    {{steps_[{0}], parts_[{0}], {1}, {2}}},", i, reads ? buffer_expr(s.in, inputs) : "nullptr",
               buffer_expr(s.out, inputs));
    }
    w.line("};");
    w.line("ganforge::codegen::support::run_steps(calls, P, images, steps);");
    w.close();
    w.close();
    w.blank();
    // run_step: a step whose tensors are slices of joined ones reads and
    // writes them at their place in the caller's buffers.
    bool within = false;
    for (const Step& s : plan.steps) within |= s.in.within != 0 || s.out.within != 0;
    w.open(fmt::format("void {}::run_step(std::size_t step, const float* in, float* out, std::size_t batch) const", cls));
    w.line("ganforge::codegen::support::check_step(step, step_count, {}class_name);", k);
    w.line("const ganforge::FlushDenormals flush;");
    if (within) {
        std::string ins, outs;
        for (const Step& s : plan.steps) {
            ins += fmt::format("{}{}", ins.empty() ? "" : ", ", s.in.within);
            outs += fmt::format("{}{}", outs.empty() ? "" : ", ", s.out.within);
        }
        w.line("constexpr std::size_t in_within[] = {{{}}}, out_within[] = {{{}}};", ins, outs);
        w.line("steps_[step](packed_.data(), in + in_within[step], out + out_within[step], batch, 0, parts_[step]);");
    } else {
        w.line("steps_[step](packed_.data(), in, out, batch, 0, parts_[step]);");
    }
    w.close();
    w.blank();
}

std::string have_macro(Isa isa) {
    std::string name(isa_target(isa).name);
    for (char& ch : name) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    return "GANFORGE_KERNELS_" + name;
}

// The any-size path's step functions, tap strides and packing on the ISA
// of isas[k], in the Path table.
std::string any_path_entries(const AnySizePath& any, std::size_t k, bool own_packing) {
    const IsaPlan& p = any.isas[k];
    const std::string_view isa = isa_target(p.isa).name;
    std::string steps, strides;
    for (std::size_t i = 0; i < any.plan.steps.size(); ++i) {
        const Step& s = any.plan.steps[i];
        const LinearSchedule& ls = p.steps[i].linear;
        std::size_t stride = 0;
        if (std::holds_alternative<TapConvolution>(s.op))
            stride = ls.wide ? s.in_shape.channels() * ls.block_width : s.out_shape.channels() * ls.cin_padded;
        steps += fmt::format("{}{}::any_step_{}", i ? ", " : "", isa, i);
        strides += fmt::format("{}{}", i ? ", " : "", stride);
    }
    return fmt::format(", {{{}}}, {{{}}}, {}, {}", steps, strides, own_packing ? p.packed_floats : 0,
                       own_packing ? fmt::format("pack_any_{}", isa) : "nullptr");
}

}  // namespace

std::string emit_network(const ModelSpec& model, const Plan& plan, const std::vector<IsaPlan>& isas,
                         const GeneratorOptions& o, const AnySizePath* any) {
    const std::string cls = o.class_name;
    const std::string k = kernels_namespace(o) + "::";
    const std::vector<std::string> names = keras_layer_names(model);
    CodeWriter w;
    w.raw(header_banner(o));
    w.line("#include \"{}.hpp\"", o.target);
    w.blank();
    w.line("#include <algorithm>");
    w.line("#include <vector>");
    w.blank();
    w.line("#include <ganforge/codegen/support/weight_packing.hpp>");
    w.line("#include <ganforge/core/flush_denormals.hpp>");
    w.blank();
    w.line("// Which SIMD paths were compiled (ganforge_add_model says; all by default).");
    for (const IsaPlan& p : isas) {
        if (p.isa == Isa::portable) continue;
        w.line("#ifndef {}", have_macro(p.isa));
        w.line("#define {} 1", have_macro(p.isa));
        w.line("#endif");
    }
    w.blank();
    w.open_namespace(kernels_namespace(o));
    w.blank();
    for (const IsaPlan& p : isas) {
        const std::string_view isa = isa_target(p.isa).name;
        if (p.isa != Isa::portable) w.line("#if {}", have_macro(p.isa));
        w.line("namespace {} {{  // {}_{}.cpp", isa, o.target, isa);
        for (std::size_t i = 0; i < plan.steps.size(); ++i)
            w.line("void step_{}({});", i, step_parameters(true));
        for (std::size_t i = 0; any && i < any->plan.steps.size(); ++i)
            w.line("void any_step_{}({});", i, any_step_parameters);
        w.line("}}  // namespace {}", isa);
        if (p.isa != Isa::portable) w.line("#endif");
    }
    w.blank();
    w.open_namespace("");
    w.blank();
    w.line("constexpr std::string_view class_name = {};", cpp_string(qualified_class_name(o)));
    w.blank();
    w.line("// The model this code was generated for: weights of another are refused.");
    std::string inputs;
    for (const Shape& in : model.input_shapes) inputs += (inputs.empty() ? "" : ", ") + shape_value(in);
    w.line("constexpr ganforge::Shape inputs[] = {{{}}};", inputs);
    if (any) {
        w.line("// The any-size plan's structure (plan_structure_hash): a plan at another size must match it.");
        w.line("constexpr std::uint64_t any_structure = {}u;", plan_structure_hash(any->plan));
    }
    if (model.layers.empty()) {
        w.line("constexpr std::span<const ganforge::LayerSpec> layers{};");
    } else {
        w.line("constexpr ganforge::LayerSpec layers[] = {");
        for (std::size_t i = 0; i < model.layers.size(); ++i)
            w.line("    {},  // {}", layer_literal(model.layers[i]), names[i]);
        w.line("};");
    }
    w.blank();
    // The any-size path packs its own weights only where its plan packs
    // them otherwise (a layout or collapse of the declared size's plan).
    std::vector<bool> own_packing(isas.size(), false);
    for (std::size_t k = 0; k < isas.size(); ++k) {
        const IsaPlan& p = isas[k];
        const std::string_view isa = isa_target(p.isa).name;
        if (p.isa != Isa::portable) w.line("#if {}", have_macro(p.isa));
        w.line("// The {} path's weights: {} floats.", isa, p.packed_floats);
        const std::string name = fmt::format("pack_{}", isa);
        const std::string text = pack_text(plan, p, name);
        w.raw(text);
        w.blank();
        if (any && pack_text(any->plan, any->isas[k], name) != text) {
            own_packing[k] = true;
            w.line("// The {} path's weights as its any-size kernels take them: {} floats.", isa,
                   any->isas[k].packed_floats);
            w.raw(pack_text(any->plan, any->isas[k], fmt::format("pack_any_{}", isa)));
            w.blank();
        }
        if (p.isa != Isa::portable) w.line("#endif");
    }
    w.open("struct Path");
    w.line("ganforge::Isa isa;");
    w.line("std::size_t packed_floats;");
    w.line("void (*pack)(const ganforge::WeightStore&, float*);");
    w.line("std::array<ganforge::codegen::support::StepFunction, {}> steps;", plan.steps.size());
    w.line("std::array<std::size_t, {}> parts;  // of each step: threads share an image's step by them", plan.steps.size());
    if (any) {
        const std::size_t n = any->plan.steps.size();
        w.line("// The any-size path: its kernels, each convolution's packed floats between taps,");
        w.line("// and its own packing where it differs (else nullptr: the weights above).");
        w.line("std::array<ganforge::codegen::support::AnyStepFunction, {}> any_steps;", n);
        w.line("std::array<std::size_t, {}> any_tap_strides;", n);
        w.line("std::size_t any_packed_floats;");
        w.line("void (*pack_any)(const ganforge::WeightStore&, float*);");
    }
    w.close("};");
    w.blank();
    w.line("constexpr Path paths[] = {");
    for (const IsaPlan& p : isas) {
        const std::string_view isa = isa_target(p.isa).name;
        if (p.isa != Isa::portable) w.line("#if {}", have_macro(p.isa));
        std::string steps, parts;
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            steps += fmt::format("{}{}::step_{}", i ? ", " : "", isa, i);
            parts += fmt::format("{}{}", i ? ", " : "", p.steps[i].parts);
        }
        w.line("    {{ganforge::Isa::{}, {}, pack_{}, {{{}}}, {{{}}}{}}},", isa, p.packed_floats, isa, steps, parts,
               any ? any_path_entries(*any, std::size_t(&p - isas.data()), own_packing[std::size_t(&p - isas.data())])
                   : "");
        if (p.isa != Isa::portable) w.line("#endif");
    }
    w.line("};");
    w.blank();
    w.open("std::vector<ganforge::Isa> available()");
    w.line("std::vector<ganforge::Isa> isas;");
    w.line("for (const Path& p : paths) isas.push_back(p.isa);");
    w.line("return isas;");
    w.close();
    w.blank();
    w.open("const Path& path(ganforge::Isa isa)");
    w.line("return *std::find_if(std::begin(paths), std::end(paths), [&](const Path& p) { return p.isa == isa; });");
    w.close();
    w.blank();
    w.close_namespace("");
    w.blank();
    w.close_namespace(kernels_namespace(o));
    w.blank();
    w.open_namespace(o.name_space);
    w.blank();
    w.line("{0}::{0}(const ganforge::WeightStore& weights)", cls);
    w.line("    : {}(weights, ganforge::choose_isa({}available())) {{}}", cls, k);
    w.blank();
    w.open(fmt::format("{0}::{0}(const ganforge::WeightStore& weights, ganforge::Isa isa) : isa_(isa)", cls));
    w.line("ganforge::codegen::support::check_model(weights.model(), {0}inputs, {0}layers, {0}class_name);", k);
    w.line("ganforge::require_isa(isa, {0}available(), {0}class_name);", k);
    w.line("const {0}Path& p = {0}path(isa);", k);
    w.line("steps_ = p.steps;");
    w.line("parts_ = p.parts;");
    w.line("packed_ = ganforge::codegen::support::AlignedFloats(p.packed_floats);");
    w.line("p.pack(weights, packed_.data());");
    if (any) {
        w.line("any_ = ganforge::codegen::support::AnySizeRunner({{{0}inputs, {0}layers, {0}any_structure, p.any_steps, "
               "p.any_tap_strides, {1}, {0}class_name}});",
               k, o.plan.layout == TensorLayout::nchw);
        w.open("if (p.pack_any)");
        w.line("any_packed_ = ganforge::codegen::support::AlignedFloats(p.any_packed_floats);");
        w.line("p.pack_any(weights, any_packed_.data());");
        w.close();
    }
    w.close();
    w.blank();
    emit_run(w, plan, cls, k);
    if (any) {
        w.line("void {}::run_any(std::span<const std::span<const float>> inputs, std::span<const ganforge::ImageExtent> extents,", cls);
        w.open("                     std::span<float> output, std::size_t batch, const ganforge::ParallelFor* parallel) const");
        w.line("any_.run(inputs, extents, output, batch, any_packed_.size() ? any_packed_.data() : packed_.data(), parallel);");
        w.close();
        w.blank();
        w.open(fmt::format("ganforge::Shape {}::any_output_shape(std::span<const ganforge::ImageExtent> extents) const", cls));
        w.line("return any_.output_shape(extents);");
        w.close();
        w.blank();
    }
    w.line("const char* {}::isa() const {{ return ganforge::isa_name(isa_).data(); }}", cls);
    w.blank();
    w.close_namespace(o.name_space);
    return w.str();
}

}  // namespace ganforge::codegen
