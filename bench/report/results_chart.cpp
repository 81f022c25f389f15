#include "bench/report/results_chart.hpp"

#include <fmt/format.h>

#include "bench/report/engine_styles.hpp"
#include "bench/report/executed_work.hpp"

namespace ganforge::report {

BarChart gflops_chart(const Results& r) {
    BarChart c;
    c.title = "ganforge: generated code against the interpreter and the peers, one core";
    c.subtitle = fmt::format("GFLOP/s per model and batch (higher is better); {}; each bar the median of {} "
                             "repetition{}",
                             r.context_or("cpu_model", "CPU unknown"), r.repetitions, r.repetitions == 1 ? "" : "s");
    c.y_label = "GFLOP/s";
    const std::vector<std::string> engines = r.engines();
    for (const std::string& e : engines) c.series.push_back({engine_title(e), engine_colour(e)});
    bool any_collapsed = false;
    for (const std::string& m : r.models())
        for (std::size_t b : r.batches(m)) {
            BarGroup g{m, fmt::format("batch {}", b), {}, {}};
            for (const std::string& e : engines) {
                const EngineRun* run = r.find(e, m, b);
                const bool timed = run && run->figure.error.empty();
                const bool fewer = timed && collapsed(r, *run);
                g.values.push_back(timed ? std::optional(run->figure.gflops) : std::nullopt);
                // A mark, not a word: an off-scale value is written across the
                // top of the chart beside its bar, where a word would run into
                // the next group.
                g.marks.push_back(fewer ? "*" : "");
                any_collapsed = any_collapsed || fewer;
            }
            c.groups.push_back(std::move(g));
        }
    if (any_collapsed)
        c.footnote = "* collapsed: the generated code computes a chain of affine layers as one matrix, executing "
                     "far fewer multiply-adds than GFLOP/s counts (the model's)";
    if (r.peak && r.peak->error.empty()) {
        c.reference = r.peak->gflops;
        c.reference_label = fmt::format("measured FP32 FMA peak, {}: {:.0f} GFLOP/s", r.peak->label, r.peak->gflops);
    }
    return c;
}

}  // namespace ganforge::report
