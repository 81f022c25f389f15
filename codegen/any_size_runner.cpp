#include <ganforge/codegen/support/any_size_runner.hpp>

#include <algorithm>
#include <climits>
#include <map>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "codegen/planner.hpp"
#include <ganforge/codegen/support/network_support.hpp>
#include <ganforge/core/bilinear_taps.hpp>
#include <ganforge/core/error.hpp>
#include <ganforge/core/flush_denormals.hpp>
#include <ganforge/core/model_spec.hpp>
#include <ganforge/core/shape_format.hpp>
#include <ganforge/runtime/tensor_layout.hpp>

namespace ganforge::codegen::support {
namespace {

// Bands of output rows a step's threads share: a few rows each (enough work
// per band to outweigh claiming it), at most 64.
std::size_t bands(long rows) { return std::size_t(std::clamp(rows / 4, 1L, 64L)); }

// What one step's geometry points at.
struct StepData {
    std::vector<AnyPhase> phases;
    std::vector<AnyRegion> regions;
    std::vector<Tap> taps;
    std::vector<long> offsets;  // bilinear: rows' lo, rows' hi, columns' lo, columns' hi
    std::vector<float> fractions;  // bilinear: rows', then columns'
};

int tap_int(long v, std::string_view class_name, std::size_t step) {
    if (v > INT_MAX || v < INT_MIN)
        throw Error(fmt::format("{}::predict_image: the image is too large for step {} (an offset of {} floats)",
                                class_name, step, v));
    return int(v);
}

void convolution(const Step& s, const TapConvolution& conv, std::size_t tap_stride, std::string_view class_name,
                 std::size_t index, AnyStep& g, StepData& d) {
    const long in_row = long(s.in.row), in_pixel = long(s.in.pixel);
    const long out_row = long(s.out.row), out_pixel = long(s.out.pixel);
    std::size_t regions = 0, taps = 0;
    for (const AxisPhase& rp : conv.row_phases)
        for (const AxisPhase& cp : conv.col_phases)
            for (const AxisGroup& rg : rp.groups)
                for (const AxisGroup& cg : cp.groups) {
                    ++regions;
                    taps += rg.taps.size() * cg.taps.size();
                }
    d.regions.reserve(regions);
    d.taps.reserve(taps);
    long most_rows = 1;
    for (const AxisPhase& rp : conv.row_phases)
        for (const AxisPhase& cp : conv.col_phases) {
            const std::size_t first_region = d.regions.size();
            const auto columns = int(cp.taps.size());
            for (const AxisGroup& rg : rp.groups)
                for (const AxisGroup& cg : cp.groups) {
                    const std::size_t first_tap = d.taps.size();
                    for (int a : rg.taps)
                        for (int b : cg.taps)
                            d.taps.push_back(
                                {tap_int(tap_input(conv, rp.taps[std::size_t(a)], cp.taps[std::size_t(b)], in_row,
                                                   in_pixel, long(s.in_shape.channels())),
                                         class_name, index),
                                 tap_int(long(a * columns + b) * long(tap_stride), class_name, index)});
                    d.regions.push_back({rg.begin, rg.end, cg.begin, cg.end, d.taps.data() + first_tap,
                                         int(d.taps.size() - first_tap)});
                }
            d.phases.push_back({rp.count, cp.count, rp.out_start * out_row + cp.out_start * out_pixel,
                                rp.out_step * out_row, cp.out_step * out_pixel, rp.in_step * in_row,
                                cp.in_step * in_pixel, d.regions.data() + first_region,
                                int(d.regions.size() - first_region)});
            most_rows = std::max<long>(most_rows, rp.count);
        }
    g.phases = d.phases.data();
    g.phase_count = int(d.phases.size());
    g.parts = bands(most_rows);
}

void bilinear(const Step& s, const UpsampleBilinear& u, AnyStep& g, StepData& d) {
    const std::vector<BilinearTap> rows = bilinear_taps(g.in_rows, g.out_rows, u.mode);
    const std::vector<BilinearTap> cols = bilinear_taps(g.in_cols, g.out_cols, u.mode);
    for (const auto& [taps, stride] : {std::pair{&rows, long(s.in.row)}, std::pair{&cols, long(s.in.pixel)}}) {
        for (const BilinearTap& t : *taps) d.offsets.push_back(t.lo * stride);
        for (const BilinearTap& t : *taps) d.offsets.push_back(t.hi * stride);
        for (const BilinearTap& t : *taps) d.fractions.push_back(t.frac);
    }
    const long* o = d.offsets.data();
    const std::size_t r = rows.size(), c = cols.size();
    g.bilinear_rows = {o, o + r, d.fractions.data()};
    g.bilinear_cols = {o + 2 * r, o + 2 * r + c, d.fractions.data() + r};
}

}  // namespace

struct AnySizeRunner::Geometry {
    std::vector<AnyStep> steps;
    std::vector<StepData> data;
    std::vector<BufferRef> in, out;
    std::vector<bool> reads;
    std::vector<Shape> inputs;  // at this size
    Shape output;
    std::size_t arena_floats = 0;
};

struct AnySizeRunner::Cache {
    std::mutex mutex;
    std::map<std::vector<std::size_t>, std::shared_ptr<const Geometry>> plans;
};

AnySizeRunner::AnySizeRunner(AnySizeCode code) : code_(code), cache_(std::make_shared<Cache>()) {}

Shape AnySizeRunner::output_shape(std::span<const ImageExtent> extents) const {
    return geometry(extents)->output;
}

std::shared_ptr<const AnySizeRunner::Geometry> AnySizeRunner::geometry(std::span<const ImageExtent> extents) const {
    std::vector<std::size_t> key;
    for (const ImageExtent& e : extents) key.insert(key.end(), {e.height, e.width});
    {
        const std::lock_guard lock(cache_->mutex);
        if (auto it = cache_->plans.find(key); it != cache_->plans.end()) return it->second;
    }
    const ModelSpec declared = make_model_spec(std::vector<Shape>(code_.inputs.begin(), code_.inputs.end()),
                                               std::vector<LayerSpec>(code_.layers.begin(), code_.layers.end()));
    const ModelSpec model = resized_model(declared, extents);
    const Plan plan = make_plan(model, any_size_plan_options());
    if (plan_structure_hash(plan) != code_.structure)
        throw Error(fmt::format("{}::predict_image: at this size the model plans into other steps than the code "
                                "was generated for; run it with the interpreter",
                                code_.class_name));
    auto g = std::make_shared<Geometry>();
    g->inputs = model.input_shapes;
    g->output = model.output_shape();
    g->arena_floats = plan.arena_floats;
    const std::size_t n = plan.steps.size();
    g->steps.resize(n);
    g->data.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Step& s = plan.steps[i];
        AnyStep& a = g->steps[i];
        const Extents3 in = extents3(s.in_shape), out = extents3(s.out_shape);
        a = AnyStep{long(in.rows), long(in.cols), long(out.rows), long(out.cols),
                    long(s.in.row), long(s.in.pixel), long(s.out.row), long(s.out.pixel),
                    nullptr, 0, {}, {}, bands(long(out.rows))};
        if (const auto* conv = std::get_if<TapConvolution>(&s.op))
            convolution(s, *conv, code_.tap_strides[i], code_.class_name, i, a, g->data[i]);
        else if (const auto* u = std::get_if<UpsampleBilinear>(&s.op))
            bilinear(s, *u, a, g->data[i]);
        else if (std::holds_alternative<GroupNorm>(s.op) || std::holds_alternative<Gather>(s.op) ||
                 std::holds_alternative<DenseGemm>(s.op))
            a.parts = 1;
        g->in.push_back(s.in);
        g->out.push_back(s.out);
        g->reads.push_back(!std::holds_alternative<ZeroBorder>(s.op));
    }
    const std::lock_guard lock(cache_->mutex);
    return cache_->plans.emplace(std::move(key), std::move(g)).first->second;
}

void AnySizeRunner::run(std::span<const std::span<const float>> inputs, std::span<const ImageExtent> extents,
                        std::span<float> output, std::size_t batch, const float* P,
                        const ParallelFor* parallel) const {
    const std::shared_ptr<const Geometry> g = geometry(extents);
    const std::size_t count = g->inputs.size();
    if (inputs.size() != count)
        throw Error(fmt::format("{}::predict_image: {} input spans given, the model has {} input{}", code_.class_name,
                                inputs.size(), count, count == 1 ? "" : "s"));
    for (std::size_t k = 0; k < count; ++k)
        if (inputs[k].size() != batch * g->inputs[k].size())
            throw Error(fmt::format("{}::predict_image: input{} holds {} floats, batch {} of {} needs {}",
                                    code_.class_name, count == 1 ? "" : fmt::format(" {}", k), inputs[k].size(),
                                    batch, shape_extents(g->inputs[k], "x"), batch * g->inputs[k].size()));
    const std::size_t out_size = g->output.size();
    if (output.size() != batch * out_size)
        throw Error(fmt::format("{}::predict_image: output holds {} floats, batch {} of {} needs {}", code_.class_name,
                                output.size(), batch, shape_extents(g->output, "x"), batch * out_size));
    // Channels first, the images pass through channels-last copies after the arena.
    constexpr std::size_t none = std::size_t(-1);
    std::vector<std::size_t> held(count, none);
    std::size_t scratch = g->arena_floats;
    if (code_.channels_first) {
        for (std::size_t k = 0; k < count; ++k)
            if (g->inputs[k].is_image()) {
                held[k] = scratch;
                scratch += (g->inputs[k].size() + 15) / 16 * 16;
            }
    }
    const bool transpose_out = code_.channels_first && g->output.is_image();
    const std::size_t out_at = scratch;
    if (transpose_out) scratch += out_size;
    const FlushDenormals flush;
    float* const arena = thread_scratch(scratch);
    std::vector<const float*> x(count);
    for (std::size_t n = 0; n < batch; ++n) {
        for (std::size_t k = 0; k < count; ++k) {
            x[k] = inputs[k].data() + n * g->inputs[k].size();
            if (held[k] == none) continue;
            const std::size_t size = g->inputs[k].size();
            to_channels_last({x[k], size}, {arena + held[k], size}, g->inputs[k], 1);
            x[k] = arena + held[k];
        }
        float* const y = transpose_out ? arena + out_at : output.data() + n * out_size;
        auto place = [&](const BufferRef& b) -> float* {
            switch (b.where) {
                case BufferRef::Where::input: return const_cast<float*>(x[b.input]) + b.offset;
                case BufferRef::Where::output: return y + b.offset;
                case BufferRef::Where::arena: return arena + b.offset;
            }
            return nullptr;
        };
        run_parts(
            g->steps.size(), [&](std::size_t k) { return g->steps[k].parts; },
            [&](std::size_t k, std::size_t first, std::size_t end) {
                code_.steps[k](P, g->steps[k], g->reads[k] ? place(g->in[k]) : nullptr, place(g->out[k]), first, end);
            },
            parallel);
        if (transpose_out) to_channels_first({y, out_size}, output.subspan(n * out_size, out_size), g->output, 1);
    }
}

}  // namespace ganforge::codegen::support
