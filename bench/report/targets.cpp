#include "bench/report/targets.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "bench/report/completeness.hpp"
#include "bench/report/report_markdown.hpp"

namespace ganforge::report {
namespace {

constexpr const char* tutorial_models[] = {"seed_upsample", "seed_tconv"};

// The figure of `engine`'s `run` if it was timed, else nothing and why
// (`where`: "batch 1", "batch 1 on 2 threads").
template <class Run>
const Figure* figure_if_timed(const Run* run, std::string_view engine, const std::string& where, std::string& why) {
    if (!run) {
        why = fmt::format("no {} figures for {}", engine, where);
        return nullptr;
    }
    if (!run->figure.error.empty()) {
        why = fmt::format("{} {} not timed: {}", engine, where, run->figure.error);
        return nullptr;
    }
    return &run->figure;
}

const Figure* timed(const Results& r, std::string_view engine, std::string_view model, std::size_t batch,
                    std::string& why) {
    return figure_if_timed(r.find(engine, model, batch), engine, fmt::format("batch {}", batch), why);
}

// The same for a call spread over `threads` threads.
const Figure* timed(const Results& r, std::string_view engine, std::string_view model, std::size_t batch,
                    std::size_t threads, std::string& why) {
    return figure_if_timed(r.find(engine, model, batch, threads), engine,
                           fmt::format("batch {} on {} threads", batch, threads), why);
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

// The thread counts the generated code was spread over, ascending.
std::vector<std::size_t> thread_counts(const Results& r) {
    std::vector<std::size_t> counts;
    for (const ThreadedRun& t : r.threaded)
        if (t.engine == "generated" && std::find(counts.begin(), counts.end(), t.threads) == counts.end())
            counts.push_back(t.threads);
    std::sort(counts.begin(), counts.end());
    return counts;
}

// On `threads` threads, generated faster than each peer on as many, on every
// model and batch: the figures name each shortfall, or the closest margin.
TargetResult faster_than_every_peer_on(const Results& r, std::size_t threads) {
    TargetResult t{fmt::format("{} threads: generated faster than each peer on {} threads, every model and batch",
                               threads, threads),
                   {}, true};
    std::string shortfalls, closest;
    double closest_ratio = 0.0;
    for (const std::string& m : r.models())
        for (const std::size_t b : r.batches(m)) {
            std::string why;
            const Figure* g = timed(r, "generated", m, b, threads, why);
            for (const Peer& p : peers) {
                std::string peer_why;
                const Figure* f = g ? timed(r, p.name, m, b, threads, peer_why) : nullptr;
                if (!g || !f) {
                    t.met = false;
                    const std::string missing = g ? peer_why : why;
                    if (shortfalls.find(missing) == std::string::npos)
                        shortfalls += fmt::format("{}{}: {}", shortfalls.empty() ? "" : "; ", m, missing);
                    continue;
                }
                const double ratio = f->ms / g->ms;
                const std::string figure = fmt::format("{:.2f}x over {} on {} batch {}", ratio, p.title, m, b);
                if (ratio < 1.0) {
                    t.met = false;
                    shortfalls += fmt::format("{}{}", shortfalls.empty() ? "" : "; ", figure);
                } else if (closest.empty() || ratio < closest_ratio) {
                    closest = figure;
                    closest_ratio = ratio;
                }
            }
        }
    t.figures = shortfalls.empty() ? (closest.empty() ? "no figures" : "closest: " + closest) : shortfalls;
    return t;
}

// `model` at `batch`: generated on `threads` threads at least `factor` times its one-thread speed.
TargetResult scaling_at_least(const Results& r, std::string_view model, std::size_t batch, std::size_t threads,
                              double factor) {
    TargetResult t{fmt::format("{}, batch {}: generated on {} threads >= {:.1f}x one thread", model, batch, threads,
                               factor),
                   {}, false};
    std::string why;
    const Figure* one = timed(r, "generated", model, batch, why);
    const Figure* many = one ? timed(r, "generated", model, batch, threads, why) : nullptr;
    if (!many) {
        t.figures = why;
        return t;
    }
    const double s = one->ms / many->ms;
    t.met = s >= factor;
    t.figures = fmt::format("{:.4g} ms vs {:.4g} ms: {:.2f}x", one->ms, many->ms, s);
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

    out.push_back(all_at_least(r, "dcgan64, batch 1: generated >= 1.3x ONNX Runtime, one thread each", "dcgan64",
                               {{"onnxruntime", 1, "ONNX Runtime"}}, 1.3));
    for (const std::size_t t : thread_counts(r)) {
        out.push_back(faster_than_every_peer_on(r, t));
        for (const auto& [batch, factor] : {std::pair<std::size_t, double>{1, 1.6}, {16, 1.8}})
            out.push_back(scaling_at_least(r, "dcgan64", batch, t, factor));
    }

    const bool has_peak = r.peak && r.peak->error.empty() && r.peak->gflops > 0.0;
    TargetResult peak{"dcgan64, batch 16: generated >= 60% of the measured peak", {}, false};
    if (!g) peak.figures = why;
    else if (!has_peak) peak.figures = "no peak figure";
    else {
        const double share = g->gflops / r.peak->gflops;
        peak.met = share >= 0.6;
        peak.figures = fmt::format("{:.1f} of {:.1f} GFLOP/s: {:.1f}%", g->gflops, r.peak->gflops, 100.0 * share);
        // The same time with every transposed-convolution tap counted (TransposedTaps::all).
        if (const auto macs = model_macs(r, "dcgan64"))
            peak.figures += fmt::format(" ({:.1f}% counting every tap, as peers.md)",
                                        100.0 * share * double(macs->all) / double(macs->inside_output));
    }
    out.push_back(peak);

    TargetResult every_tap{"dcgan64, batch 16: generated >= 80% of the measured peak, every tap counted", {}, false};
    const auto macs = model_macs(r, "dcgan64");
    if (!g) every_tap.figures = why;
    else if (!has_peak) every_tap.figures = "no peak figure";
    else if (!macs || macs->inside_output == 0) every_tap.figures = "no multiply-add counts";
    else {
        const double gflops = g->gflops * double(macs->all) / double(macs->inside_output);
        every_tap.met = gflops >= 0.8 * r.peak->gflops;
        every_tap.figures = fmt::format("{:.1f} of {:.1f} GFLOP/s: {:.1f}%", gflops, r.peak->gflops,
                                        100.0 * gflops / r.peak->gflops);
    }
    out.push_back(every_tap);
    return out;
}

}  // namespace ganforge::report
