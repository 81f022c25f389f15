#include "codegen/phases.hpp"

#include <algorithm>
#include <numeric>

#include <ganforge/core/shape_inference.hpp>

namespace ganforge::codegen {
namespace {

int floor_div(int a, int b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int phase_count(int out, int start, int step) { return out > start ? (out - start + step - 1) / step : 0; }

}  // namespace

void group_axis(AxisPhase& phase, int in) {
    phase.groups.clear();
    for (int i = 0; i < phase.count; ++i) {
        std::vector<int> valid;
        for (int t = 0; t < int(phase.taps.size()); ++t) {
            const int at = i * phase.in_step + phase.taps[std::size_t(t)].offset;
            if (at >= 0 && at < in) valid.push_back(t);
        }
        if (!phase.groups.empty() && phase.groups.back().taps == valid)
            phase.groups.back().end = i + 1;
        else
            phase.groups.push_back(AxisGroup{i, i + 1, std::move(valid)});
    }
}

std::vector<AxisPhase> conv_axis(int in, int up, int kernel, int stride, Padding padding, int out, int before,
                                 int after, bool shuffle) {
    const int upsampled = in * up + before + after;
    const int pad = int(shape_rules::conv_padding_before(upsampled, out, kernel, stride, padding)) + before;
    const int g = std::gcd(up, stride);
    const int period = up / g;
    std::vector<AxisPhase> phases;
    for (int r = 0; r < period; ++r) {
        AxisPhase p{r, period, phase_count(out, r, period), stride / g, {}, {}};
        if (p.count == 0) continue;
        for (int k = 0; k < kernel; ++k) {
            const int at = r * stride + k - pad, offset = floor_div(at, up);
            if (shuffle) {
                p.taps.push_back(AxisTap{offset, {k}, at - offset * up});
                continue;
            }
            auto same = std::find_if(p.taps.begin(), p.taps.end(),
                                     [&](const AxisTap& t) { return t.offset == offset; });
            if (same != p.taps.end())
                same->sources.push_back(k);
            else
                p.taps.push_back(AxisTap{offset, {k}});
        }
        group_axis(p, in);
        phases.push_back(std::move(p));
    }
    return phases;
}

std::vector<AxisPhase> conv_transpose_axis(int in, int kernel, int stride, Padding padding, int out) {
    const int crop = int(shape_rules::conv_transpose_crop_before(kernel, stride, padding));
    std::vector<AxisPhase> phases;
    for (int r = 0; r < stride; ++r) {
        AxisPhase p{r, stride, phase_count(out, r, stride), 1, {}, {}};
        if (p.count == 0) continue;
        for (int k = 0; k < kernel; ++k)
            if ((r + crop - k) % stride == 0) p.taps.push_back(AxisTap{(r + crop - k) / stride, {k}});
        group_axis(p, in);
        phases.push_back(std::move(p));
    }
    return phases;
}

std::size_t tap_convolution_macs(const TapConvolution& conv, std::size_t cin, std::size_t cout) {
    std::size_t macs = 0;
    for (const AxisPhase& rp : conv.row_phases)
        for (const AxisPhase& cp : conv.col_phases)
            for (const AxisGroup& rg : rp.groups)
                for (const AxisGroup& cg : cp.groups)
                    macs += std::size_t(rg.end - rg.begin) * std::size_t(cg.end - cg.begin) *
                            rg.taps.size() * cg.taps.size();
    return macs * cin * cout;
}

std::size_t step_weight_floats(const Step& step) {
    if (const auto* d = std::get_if<DenseGemm>(&step.op)) return d->k * d->n;
    const auto* c = std::get_if<TapConvolution>(&step.op);
    if (!c) return 0;
    std::size_t taps = 0;
    for (const AxisPhase& rp : c->row_phases)
        for (const AxisPhase& cp : c->col_phases) taps += rp.taps.size() * cp.taps.size();
    return taps * step.in_shape.channels() * step.channels;
}

}  // namespace ganforge::codegen
