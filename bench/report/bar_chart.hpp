// A grouped bar chart (one group per category, one bar per series) drawn with
// SvgWriter: y axis with round ticks, a value on every bar (with a footnote
// mark, when it has one), a legend, an optional dashed reference line, an
// optional footnote; bars beyond twice the reference are drawn broken at the
// top of the axis. Series next to each other in lightness alternate solid and
// hatched bars, so that they tell apart in grey.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ganforge::report {

struct BarSeries {
    std::string name;
    std::string color;
};

struct BarGroup {
    std::string label;     // first line under the group
    std::string sublabel;  // second line
    std::vector<std::optional<double>> values;  // one per series; nothing draws "n/a"
    std::vector<std::string> marks;             // one per series or none: after the bar's value ("*")
};

struct BarChart {
    std::string title, subtitle, y_label;
    std::vector<BarSeries> series;
    std::vector<BarGroup> groups;
    std::optional<double> reference;  // a horizontal line, e.g. the measured peak
    std::string reference_label;
    std::string footnote;  // a line under the group labels, e.g. what the marks mean
};

std::string render_svg(const BarChart& chart);

// The smallest 1, 2 or 5 x 10^k step giving at most `max_ticks` intervals up to `top`.
double tick_step(double top, int max_ticks);

}  // namespace ganforge::report
