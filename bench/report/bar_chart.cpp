#include "bench/report/bar_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "bench/report/colour_lightness.hpp"
#include "bench/report/svg_writer.hpp"

namespace ganforge::report {
namespace {

// Layout, in pixels.
constexpr double bar_width = 17, group_gap = 30, min_width = 980;
constexpr double left = 78, right = 24, top = 92, bottom = 62, plot_height = 340, footnote_height = 18;

std::string value_text(double v) { return v < 10 ? fmt::format("{:.1f}", v) : fmt::format("{:.0f}", v); }

// Series next to each other in lightness alternate solid and hatched, the
// darkest solid: in grey any two then differ by two steps of lightness or by
// the hatching. A colour lightness() cannot read is solid.
std::vector<bool> hatched_series(const std::vector<BarSeries>& series) {
    std::vector<std::pair<double, std::size_t>> by_lightness;
    for (std::size_t s = 0; s < series.size(); ++s)
        if (const auto l = lightness(series[s].color)) by_lightness.emplace_back(*l, s);
    std::sort(by_lightness.begin(), by_lightness.end());
    std::vector<bool> hatched(series.size(), false);
    for (std::size_t rank = 1; rank < by_lightness.size(); rank += 2) hatched[by_lightness[rank].second] = true;
    return hatched;
}

constexpr std::string_view hatch_id = "hatch", hatch_fill = "url(#hatch)";

}  // namespace

double tick_step(double top_value, int max_ticks) {
    if (top_value <= 0) return 1.0;
    const double raw = top_value / max_ticks;
    const double base = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * base >= raw) return m * base;
    return 10.0 * base;
}

std::string render_svg(const BarChart& c) {
    const double group_width = double(c.series.size()) * bar_width + group_gap;
    const double plot_width = std::max(1.0, double(c.groups.size())) * group_width;
    // The legend is one row, the footnote one line; the chart is as wide as
    // either when the bars are narrower.
    const auto legend_width = [](std::string_view name) { return 34 + 8.5 * double(name.size()); };
    double legend_end = left;
    for (const BarSeries& s : c.series) legend_end += legend_width(s.name);
    if (c.reference) legend_end += 30 + 7.5 * double(c.reference_label.size());
    const double footnote_end = left + 7.0 * double(c.footnote.size());
    SvgWriter svg(std::max({min_width, left + plot_width + right, legend_end + right, footnote_end + right}),
                  top + plot_height + bottom + (c.footnote.empty() ? 0 : footnote_height));

    // The axis covers the reference line and every bar up to twice it; a bar
    // beyond (a figure far off the scale of the others) is drawn broken at
    // the top with its value, so that it does not flatten every other bar.
    const double clip = c.reference ? 2.0 * *c.reference : std::numeric_limits<double>::infinity();
    double largest = c.reference.value_or(0.0);
    for (const BarGroup& g : c.groups)
        for (const auto& v : g.values)
            if (v && *v <= clip) largest = std::max(largest, *v);
    const double step = tick_step(largest * 1.08, 8);
    const double y_max = std::ceil(largest * 1.08 / step) * step;
    const auto y_of = [&](double v) { return top + plot_height * (1.0 - v / y_max); };
    const std::vector<bool> hatched = hatched_series(c.series);
    if (std::find(hatched.begin(), hatched.end(), true) != hatched.end()) svg.hatching(hatch_id, "white");
    // A bar or legend key in its series' colour, hatched if the series is.
    const auto swatch = [&](std::size_t s, double x, double y, double w, double h, std::string_view title) {
        svg.rect(x, y, w, h, c.series[s].color, title);
        if (hatched[s]) svg.rect(x, y, w, h, hatch_fill);
    };

    svg.text(left, 26, c.title, {.size = 17, .bold = true});
    svg.text(left, 46, c.subtitle, {.size = 12, .fill = "#555"});

    // Legend, one row under the title.
    double lx = left;
    for (std::size_t s = 0; s < c.series.size(); ++s) {
        swatch(s, lx, 60, 13, 13, {});
        svg.text(lx + 18, 71, c.series[s].name, {.size = 13});
        lx += legend_width(c.series[s].name);
    }
    // The reference line's key ends the legend row: over the bars its label would hide their values.
    if (c.reference) {
        svg.line(lx, 66.5, lx + 24, 66.5, "#c0392b", 1.5, "6 4");
        svg.text(lx + 30, 71, c.reference_label, {.size = 13, .fill = "#c0392b"});
    }

    // Grid and y axis.
    for (double v = 0; v <= y_max + step / 2; v += step) {
        svg.line(left, y_of(v), left + plot_width, y_of(v), v == 0 ? "#444" : "#e3e3e3");
        svg.text(left - 8, y_of(v) + 4, value_text(v), {.size = 11, .anchor = "end", .fill = "#444"});
    }
    svg.line(left, top, left, top + plot_height, "#444");
    svg.text(22, top + plot_height / 2, c.y_label, {.size = 13, .anchor = "middle", .rotate = -90});

    for (std::size_t g = 0; g < c.groups.size(); ++g) {
        const BarGroup& group = c.groups[g];
        const double gx = left + double(g) * group_width + group_gap / 2;
        for (std::size_t s = 0; s < c.series.size() && s < group.values.size(); ++s) {
            const double x = gx + double(s) * bar_width;
            const auto& v = group.values[s];
            if (!v) {
                svg.text(x + bar_width / 2, top + plot_height - 4, "n/a",
                         {.size = 9, .anchor = "start", .rotate = -90, .fill = "#888"});
                continue;
            }
            const bool off_scale = *v > y_max;
            const double y = off_scale ? top - 6 : y_of(*v);
            const std::string value = value_text(*v) + (s < group.marks.size() ? group.marks[s] : "");
            swatch(s, x + 1, y, bar_width - 2, top + plot_height - y,
                   fmt::format("{}: {} {}", c.series[s].name, value, c.y_label));
            if (off_scale) {  // a white zigzag across the bar: "not to scale"
                svg.line(x, top + 14, x + bar_width, top + 8, "white", 3.0);
                svg.line(x, top + 20, x + bar_width, top + 14, "white", 3.0);
                svg.text(x + bar_width + 1, top - 4, value, {.size = 10, .anchor = "start", .bold = true});
            } else {
                svg.text(x + bar_width / 2 + 3.5, y - 3, value, {.size = 10, .anchor = "start", .rotate = -90});
            }
        }
        // The sublabel under each group; the label once under each run of
        // groups that share it (a model's batches), with a rule between runs.
        const double cx = gx + double(c.series.size()) * bar_width / 2;
        svg.text(cx, top + plot_height + 18, group.sublabel, {.size = 12, .anchor = "middle", .fill = "#444"});
        const bool run_start = g == 0 || c.groups[g - 1].label != group.label;
        std::size_t run_end = g;
        while (run_end + 1 < c.groups.size() && c.groups[run_end + 1].label == group.label) ++run_end;
        if (run_start) {
            const double run_mid = left + (double(g) + double(run_end - g + 1) / 2) * group_width;
            svg.text(run_mid, top + plot_height + 38, group.label, {.size = 12.5, .anchor = "middle", .bold = true});
            if (g > 0) svg.line(gx - group_gap / 2, top, gx - group_gap / 2, top + plot_height + 44, "#bbb");
        } else {
            svg.line(gx - group_gap / 2, top + plot_height, gx - group_gap / 2, top + plot_height + 22, "#ddd");
        }
    }

    if (c.reference) {
        const double y = y_of(*c.reference);
        svg.line(left, y, left + plot_width, y, "#c0392b", 1.5, "6 4");
    }
    if (!c.footnote.empty())
        svg.text(left, top + plot_height + bottom + footnote_height - 8, c.footnote, {.size = 12, .fill = "#555"});
    return svg.str();
}

}  // namespace ganforge::report
