#include <ganforge/bench/report/results_chart.hpp>

#include <fmt/format.h>

#include <ganforge/bench/report/engine_styles.hpp>

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
    for (const std::string& m : r.models())
        for (std::size_t b : r.batches(m)) {
            BarGroup g{m, fmt::format("batch {}", b), {}};
            for (const std::string& e : engines) {
                const EngineRun* run = r.find(e, m, b);
                g.values.push_back(run && run->figure.error.empty() ? std::optional(run->figure.gflops)
                                                                      : std::nullopt);
            }
            c.groups.push_back(std::move(g));
        }
    if (r.peak && r.peak->error.empty()) {
        c.reference = r.peak->gflops;
        c.reference_label = fmt::format("measured FP32 FMA peak, {}: {:.0f} GFLOP/s", r.peak->label, r.peak->gflops);
    }
    return c;
}

}  // namespace ganforge::report
