// Epilogues: the pointwise operations fused into the step that produces the
// values. ReLU, LeakyReLU, PReLU, scale+shift and the activations of
// support/simd_math.hpp run on the vectors in registers; the other Keras
// activations (those of exp, log, erf or a square root beyond what the
// vector math has) go through support::activate_span, the interpreter's own
// scalar functions (compiled once, without ISA flags).
#include <algorithm>
#include <iterator>

#include "codegen/emitter.hpp"
#include "runtime/dsl_literals.hpp"

namespace ganforge::codegen {
namespace {

// The activations support/simd_math.hpp computes, each as <enumerator>_v.
constexpr Activation vector_activations[] = {
    Activation::sigmoid,     Activation::tanh,        Activation::swish,
    Activation::relu6,       Activation::hard_sigmoid, Activation::hard_sigmoid_keras2,
    Activation::hard_silu,   Activation::hard_tanh,   Activation::soft_shrink,
    Activation::hard_shrink, Activation::sparse_plus, Activation::sparse_sigmoid,
};

bool inline_op(const PointwiseOp& op) {
    return op.kind != PointwiseOp::Kind::activation || op.activation == Activation::linear ||
           op.activation == Activation::relu;
}

// The vector function of an activation support/simd_math.hpp has; empty for
// the others.
std::string vector_math(const PointwiseOp& op) {
    if (op.kind != PointwiseOp::Kind::activation ||
        std::find(std::begin(vector_activations), std::end(vector_activations), op.activation) ==
            std::end(vector_activations))
        return {};
    return fmt::format("{}_v", enumerator_name(op.activation));
}

std::string activate_call(const PointwiseOp& op, std::string_view values, std::size_t count) {
    return fmt::format("ganforge::codegen::support::activate_span({} /* {} */, {}, {});",
                       int(op.activation), enumerator_name(op.activation), values, count);
}

}  // namespace

const LinearSource& linear_source(const Step& step) {
    if (const auto* d = std::get_if<DenseGemm>(&step.op)) return d->source;
    return std::get<TapConvolution>(step.op).source;
}

void emit_vector_epilogue(CodeWriter& w, const StepContext& c, const std::vector<std::string>& vars,
                          const std::vector<std::string>& channels) {
    const IsaTarget& t = c.isa;
    const std::vector<PointwiseOp>& ops = c.step.epilogue;
    for (std::size_t k = 0; k < ops.size(); ++k) {
        const PointwiseOp& op = ops[k];
        switch (op.kind) {
            case PointwiseOp::Kind::activation:
                if (op.activation == Activation::relu) {
                    for (const std::string& v : vars) w.line("{} = {};", v, t.relu(v));
                } else if (const std::string f = vector_math(op); !f.empty()) {
                    for (const std::string& v : vars) w.line("{} = {}({});", v, f, v);
                } else if (op.activation != Activation::linear) {
                    const std::size_t n = vars.size() * std::size_t(t.lanes);
                    w.open("");
                    w.line("alignas(64) float spill[{}];", n);
                    for (std::size_t i = 0; i < vars.size(); ++i)
                        w.line(t.store(fmt::format("spill + {}", i * std::size_t(t.lanes)), vars[i]));
                    w.line(activate_call(op, "spill", n));
                    for (std::size_t i = 0; i < vars.size(); ++i)
                        w.line("{} = {};", vars[i], t.load(fmt::format("spill + {}", i * std::size_t(t.lanes))));
                    w.close();
                }
                break;
            case PointwiseOp::Kind::leaky_relu:
                for (const std::string& v : vars) w.line("{} = {};", v, t.leaky_relu(v, op.alpha));
                break;
            case PointwiseOp::Kind::scale_shift: {
                const std::size_t scale = c.schedule.tables[k];
                const std::size_t shift = scale + c.schedule.table_width;
                for (std::size_t i = 0; i < vars.size(); ++i)
                    w.line("{} = {};", vars[i],
                           t.fma(vars[i], t.load(fmt::format("P + {} + {}", scale, channels[i])),
                                 t.load(fmt::format("P + {} + {}", shift, channels[i]))));
                break;
            }
            case PointwiseOp::Kind::prelu:
                for (std::size_t i = 0; i < vars.size(); ++i)
                    w.line("{} = {};", vars[i],
                           t.prelu(vars[i], t.load(fmt::format("P + {} + {}", c.schedule.tables[k], channels[i]))));
                break;
        }
    }
}

void emit_scalar_epilogue(CodeWriter& w, const StepContext& c, std::string_view values, int count,
                          int channel_period, std::string_view channel_base) {
    const std::vector<PointwiseOp>& ops = c.step.epilogue;
    for (std::size_t k = 0; k < ops.size();) {
        if (const std::string f = vector_math(ops[k]); !f.empty()) {
            w.open(fmt::format("for (int i = 0; i < {}; i += {})", count, c.isa.lanes));
            w.line("{} v = {};", c.isa.vector_type, c.isa.load(fmt::format("{} + i", values)));
            w.line(c.isa.store(fmt::format("{} + i", values), fmt::format("{}(v)", f)));
            w.close();
            ++k;
            continue;
        }
        if (!inline_op(ops[k])) {
            w.line(activate_call(ops[k], values, std::size_t(count)));
            ++k;
            continue;
        }
        std::size_t end = k;
        bool tables = false;
        while (end < ops.size() && inline_op(ops[end])) tables |= channel_tables(ops[end++]) > 0;
        w.open(fmt::format("for (int i = 0; i < {}; ++i)", count));
        if (tables) w.line("const std::size_t f = {} + std::size_t(i % {});", channel_base, channel_period);
        w.line("float v = {}[i];", values);
        for (; k < end; ++k) {
            const PointwiseOp& op = ops[k];
            if (op.kind == PointwiseOp::Kind::activation && op.activation == Activation::relu)
                w.line("v = v < 0.0f ? 0.0f : v;");
            else if (op.kind == PointwiseOp::Kind::leaky_relu)
                w.line("v = v > 0.0f ? v : {} * v;", float_literal(op.alpha));
            else if (op.kind == PointwiseOp::Kind::scale_shift)
                w.line("v = v * P[{} + f] + P[{} + f];", c.schedule.tables[k],
                       c.schedule.tables[k] + c.schedule.table_width);
            else if (op.kind == PointwiseOp::Kind::prelu)
                w.line("v = v > 0.0f ? v : P[{} + f] * v;", c.schedule.tables[k]);
        }
        w.line("{}[i] = v;", values);
        w.close();
    }
}

void emit_vector_copy(CodeWriter& w, const StepContext& c, const std::vector<std::string>& dsts,
                      std::string_view src, std::size_t count, const Merge* merge) {
    const IsaTarget& t = c.isa;
    const auto lanes = std::size_t(t.lanes);
    const std::size_t full = count / lanes * lanes, rest = count - full;
    auto one = [&](const std::string& at, int valid) {
        auto load = [&](std::string_view from) {
            const std::string p = fmt::format("{} + {}", from, at);
            return valid == t.lanes ? t.load(p) : t.load_first(p, valid);
        };
        w.line("{} v = {};", t.vector_type, load(src));
        if (merge) w.line("v = {};", merge->multiply ? t.mul(load(dsts.front()), "v") : t.add(load(dsts.front()), "v"));
        emit_vector_epilogue(w, c, {"v"}, {at});
        for (const std::string& d : dsts)
            w.line(valid == t.lanes ? t.store(fmt::format("{} + {}", d, at), "v")
                                    : t.store_first(fmt::format("{} + {}", d, at), "v", valid));
    };
    if (full > 4 * lanes) {
        w.open(fmt::format("for (std::size_t k = 0; k < {}; k += {})", full, lanes));
        one("k", t.lanes);
        w.close();
    } else {
        for (std::size_t k = 0; k < full; k += lanes) {
            w.open("");
            one(std::to_string(k), t.lanes);
            w.close();
        }
    }
    if (rest) {
        w.open("");
        one(std::to_string(full), int(rest));
        w.close();
    }
}

}  // namespace ganforge::codegen
