#include <ganforge/bench/report/targets.hpp>

#include <fmt/format.h>

#include <ganforge/bench/report/completeness.hpp>
#include <ganforge/bench/report/report_markdown.hpp>

namespace ganforge::report {
namespace {

constexpr const char* tutorial_models[] = {"seed_upsample", "seed_tconv"};

// The figure of a run that was timed, or why there is none.
const Figure* timed(const Results& r, std::string_view engine, std::string_view model, std::size_t batch,
                    std::string& why) {
    const EngineRun* run = r.find(engine, model, batch);
    if (!run) {
        why = fmt::format("no {} figures for batch {}", engine, batch);
        return nullptr;
    }
    if (!run->figure.error.empty()) {
        why = fmt::format("{} batch {} not timed: {}", engine, batch, run->figure.error);
        return nullptr;
    }
    return &run->figure;
}

// How many times faster generated is than `other`, or why that is unknown.
std::optional<double> speedup(const Results& r, const std::string& other, std::string_view model,
                              std::size_t batch, std::string& why) {
    const Figure* g = timed(r, "generated", model, batch, why);
    const Figure* o = g ? timed(r, other, model, batch, why) : nullptr;
    if (!g || !o) return std::nullopt;
    return o->ms / g->ms;
}

// One target over several comparisons: met when every one reaches `factor`.
struct Comparison {
    std::string other;  // engine
    std::size_t batch;
    std::string title;  // how the figures name it
};

TargetResult all_at_least(const Results& r, std::string target, std::string_view model,
                          const std::vector<Comparison>& comparisons, double factor) {
    TargetResult t{std::move(target), {}, true};
    for (const Comparison& c : comparisons) {
        std::string why;
        const auto s = speedup(r, c.other, model, c.batch, why);
        const std::string figure = s ? fmt::format("{} {:.2f}x", c.title, *s) : why;
        if (t.figures.find(figure) == std::string::npos)
            t.figures += fmt::format("{}{}", t.figures.empty() ? "" : "; ", figure);
        t.met = t.met && s && *s >= factor;
    }
    return t;
}

}  // namespace

std::vector<TargetResult> evaluate_targets(const Results& r) {
    std::vector<TargetResult> out;
    for (const char* m : tutorial_models)
        out.push_back(all_at_least(r, fmt::format("{}, batch 1: generated >= 10x the interpreter", m), m,
                                   {{"interpreter", 1, "speed-up"}}, 10.0));
    for (const std::string& m : r.models()) {
        std::vector<Comparison> per_batch;
        for (std::size_t b : r.batches(m)) per_batch.push_back({"interpreter", b, fmt::format("batch {}", b)});
        out.push_back(all_at_least(r, fmt::format("{}: generated >= 5x the interpreter", m), m, per_batch, 5.0));
    }
    for (const std::string& m : r.models())
        for (std::size_t b : r.batches(m)) {
            std::vector<Comparison> per_peer;
            for (const Peer& p : peers) per_peer.push_back({std::string(p.name), b, std::string(p.title)});
            out.push_back(all_at_least(r, fmt::format("{}, batch {}: generated faster than each peer", m, b), m,
                                       per_peer, 1.0));
        }

    // dcgan64 at batch 16: against the fastest peer, and against the peak.
    TargetResult fastest{"dcgan64, batch 16: generated >= 1.3x the fastest peer", {}, false};
    std::string why;
    const Figure* g = timed(r, "generated", "dcgan64", 16, why);
    std::string_view best;
    const Figure* best_figure = nullptr;
    for (const Peer& peer : peers) {
        std::string peer_why;
        if (const Figure* f = timed(r, peer.name, "dcgan64", 16, peer_why); f && (!best_figure || f->ms < best_figure->ms)) {
            best = peer.title;
            best_figure = f;
        }
    }
    if (!g) fastest.figures = why;
    else if (!best_figure) fastest.figures = "no peer figures";
    else {
        const double s = best_figure->ms / g->ms;
        fastest.met = s >= 1.3;
        fastest.figures = fmt::format("{:.4g} ms vs {} {:.4g} ms: {:.2f}x", g->ms, best, best_figure->ms, s);
    }
    out.push_back(fastest);

    TargetResult peak{"dcgan64, batch 16: generated >= 60% of the measured peak", {}, false};
    if (!g) peak.figures = why;
    else if (!r.peak || !r.peak->error.empty() || r.peak->gflops <= 0.0) peak.figures = "no peak figure";
    else {
        const double share = g->gflops / r.peak->gflops;
        peak.met = share >= 0.6;
        peak.figures = fmt::format("{:.1f} of {:.1f} GFLOP/s: {:.1f}%", g->gflops, r.peak->gflops, 100.0 * share);
        // The same time with every transposed-convolution tap counted, as peers.md.
        if (const auto macs = model_macs(r, "dcgan64"))
            peak.figures += fmt::format(" ({:.1f}% counting every tap, as peers.md)",
                                        100.0 * share * double(macs->all) / double(macs->inside_output));
    }
    out.push_back(peak);
    return out;
}

}  // namespace ganforge::report
