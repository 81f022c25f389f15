#include "bench/report/report_markdown.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>

#include "bench/report/completeness.hpp"
#include "bench/report/engine_styles.hpp"
#include "bench/report/executed_work.hpp"

namespace ganforge::report {
namespace {

std::string ms_text(double ms) { return fmt::format("{:.4g}", ms); }

// "12.3 (45.6)" or "not timed" / "–".
std::string cell(const EngineRun* run) {
    if (!run) return "–";
    if (!run->figure.error.empty()) return "not timed";
    return fmt::format("{} ({:.1f})", ms_text(run->figure.ms), run->figure.gflops);
}

const EngineRun* timed_run(const Results& r, std::string_view engine, const std::string& model, std::size_t batch) {
    const EngineRun* run = r.find(engine, model, batch);
    return run && run->figure.error.empty() ? run : nullptr;
}

const Figure* timed(const Results& r, std::string_view engine, const std::string& model, std::size_t batch) {
    const EngineRun* run = timed_run(r, engine, model, batch);
    return run ? &run->figure : nullptr;
}

std::string speedup_cell(const Figure* generated, const Figure* other) {
    if (!generated || !other) return "–";
    return fmt::format("{:.2f}x", other->ms / generated->ms);
}

double peak_gflops(const Results& r) { return r.peak && r.peak->error.empty() ? r.peak->gflops : 0.0; }
double stream_gbps(const Results& r) { return r.stream && r.stream->error.empty() ? r.stream->gbps : 0.0; }

std::string share_of_peak(const Results& r, double gflops) {
    const double peak = peak_gflops(r);
    return peak > 0 ? fmt::format("{:.1f}%", 100.0 * gflops / peak) : "–";
}

// A run's share of the peak counts the multiply-adds it executed, and says
// when its chain was collapsed (most of the model's left out).
std::string executed_share_of_peak(const Results& r, const EngineRun& run) {
    if (peak_gflops(r) <= 0) return "–";
    return share_of_peak(r, executed_gflops(run)) + (collapsed(r, run) ? " (collapsed)" : "");
}

// A step against the roof that binds it: the FMA peak for its multiply-adds,
// or the memory bandwidth for the least it must move (weights, input and
// output once each), whichever takes longer; that time over the step's.
std::string against_roof(const Results& r, const Figure& f) {
    const double peak = peak_gflops(r), bandwidth = stream_gbps(r);
    if (peak <= 0 || f.ms <= 0) return "–";
    const double compute_ms = f.ms * f.gflops / peak;
    const double memory_ms = bandwidth > 0 ? 1e3 * f.bytes / (bandwidth * 1e9) : 0.0;
    const double share = 100.0 * std::max(compute_ms, memory_ms) / f.ms;
    // Above the memory roof, the step's data stayed in cache from one timed
    // call to the next, as they may not inside the model.
    return fmt::format("{} {:.1f}%{}", memory_ms > compute_ms ? "memory" : "compute", share,
                       share > 100.0 ? " (in cache)" : "");
}

// A number from the context with one decimal, or the text as it is.
std::string one_decimal(const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    return end != text.c_str() && *end == '\0' ? fmt::format("{:.1f}", v) : text;
}

// The models whose generated code collapsed a chain, as a bullet of the
// run's description; empty when none did.
std::string collapsed_chains(const Results& r) {
    std::string models;
    for (const std::string& m : r.models())
        for (const EngineRun& run : r.runs)
            if (run.engine == "generated" && run.model == m && collapsed(r, run)) {
                models += fmt::format("{}{} {} of {} per image", models.empty() ? "" : ", ", m,
                                      *run.figure.executed_macs, model_macs(r, m)->inside_output);
                break;
            }
    if (models.empty()) return {};
    return fmt::format("- **Collapsed chains**: the generated code computes a chain of affine layers (no "
                       "nonlinearity between them) as one matrix, so it executes far fewer multiply-adds than the "
                       "model declares: {}. GFLOP/s (tables and chart) counts the declared ones for every engine, so that "
                       "engines compare on the same work, and can then pass the peak; the generated code's share of "
                       "the peak counts the ones it executed and says \"collapsed\".\n",
                       models);
}

// Per model, the multiply-adds per image the generated code executed (its
// executed_macs), if it recorded them.
std::string executed_by_generated(const Results& r, const std::string& model) {
    for (const EngineRun& run : r.runs)
        if (run.engine == "generated" && run.model == model && run.figure.executed_macs)
            return fmt::format("{}", *run.figure.executed_macs);
    return "–";
}

// The chart's bars in a group, by the titles its legend and the tables use.
std::string bar_order(const Results& r) {
    std::string out;
    for (const std::string& e : r.engines()) out += (out.empty() ? "" : ", ") + engine_title(e);
    return out;
}

std::vector<std::string> other_engines(const Results& r) {
    std::vector<std::string> out;
    for (const std::string& e : r.engines())
        if (e != "generated") out.push_back(e);
    return out;
}

}  // namespace

std::string results_table(const Results& r) {
    const std::vector<std::string> engines = r.engines();
    std::string head = "| model | batch |", rule = "|---|---:|";
    for (const std::string& e : engines) {
        head += fmt::format(" {} |", engine_title(e));
        rule += "---:|";
    }
    std::string out = head + " generated, % of peak |\n" + rule + "---:|\n";
    for (const std::string& m : r.models())
        for (std::size_t b : r.batches(m)) {
            out += fmt::format("| {} | {} |", m, b);
            for (const std::string& e : engines) out += fmt::format(" {} |", cell(r.find(e, m, b)));
            const EngineRun* g = timed_run(r, "generated", m, b);
            out += fmt::format(" {} |\n", g ? executed_share_of_peak(r, *g) : "–");
        }
    return out;
}

std::string speedup_table(const Results& r) {
    const std::vector<std::string> others = other_engines(r);
    std::string head = "| model | batch |", rule = "|---|---:|";
    for (const std::string& e : others) {
        head += fmt::format(" over {} |", engine_title(e));
        rule += "---:|";
    }
    std::string out = head + " over the fastest peer |\n" + rule + "---|\n";
    for (const std::string& m : r.models())
        for (std::size_t b : r.batches(m)) {
            const Figure* g = timed(r, "generated", m, b);
            out += fmt::format("| {} | {} |", m, b);
            for (const std::string& e : others) out += fmt::format(" {} |", speedup_cell(g, timed(r, e, m, b)));
            const Figure* best = nullptr;
            std::string best_name;
            for (const Peer& p : peers)
                if (const Figure* f = timed(r, p.name, m, b); f && (!best || f->ms < best->ms)) {
                    best = f;
                    best_name = p.title;
                }
            out += best ? fmt::format(" {} ({}) |\n", speedup_cell(g, best), best_name) : " – |\n";
        }
    return out;
}

std::string targets_table(const std::vector<TargetResult>& targets) {
    std::string out = "| target | figures | |\n|---|---|---|\n";
    for (const TargetResult& t : targets)
        out += fmt::format("| {} | {} | {} |\n", t.target, t.figures, t.met ? "met" : "**not met**");
    return out;
}

std::string steps_tables(const Results& r) {
    std::string out;
    for (const std::string& m : r.models())
        for (std::size_t b : r.batches(m)) {
            std::vector<const Step*> steps;
            for (const Step& s : r.steps)
                if (s.model == m && s.batch == b) steps.push_back(&s);
            if (steps.empty()) continue;
            double total = 0.0;
            for (const Step* s : steps) total += s->figure.error.empty() ? s->figure.ms : 0.0;
            out += fmt::format("\n### {}, batch {} ({})\n\n", m, b, steps.front()->figure.label);
            out += "| step | what | ms | share of the steps' time | GFLOP/s | % of peak | binding roof, % of it |\n"
                   "|---:|---|---:|---:|---:|---:|---|\n";
            for (const Step* s : steps) {
                if (!s->figure.error.empty()) {
                    out += fmt::format("| {} | {} | not timed: {} | | | | |\n", s->index, s->name, s->figure.error);
                    continue;
                }
                out += fmt::format("| {} | {} | {} | {:.1f}% | {:.1f} | {} | {} |\n", s->index, s->name,
                                   ms_text(s->figure.ms), total > 0 ? 100.0 * s->figure.ms / total : 0.0,
                                   s->figure.gflops, s->figure.gflops > 0 ? share_of_peak(r, s->figure.gflops) : "–",
                                   against_roof(r, s->figure));
            }
        }
    return out;
}

// Per threaded run: the engine's one-thread time (CPU), its time on t
// threads (wall) and the scaling, one-thread time / t-thread time.
std::string threads_table(const Results& r) {
    std::string out = "| engine | model | batch | 1 thread (ms) | threads | t threads (ms) | scaling |\n"
                      "|---|---|---:|---:|---:|---:|---:|\n";
    for (const ThreadedRun& t : r.threaded) {
        const EngineRun* one = r.find(t.engine, t.model, t.batch);
        const bool timed = t.figure.error.empty() && one && one->figure.error.empty() && t.figure.ms > 0;
        out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", engine_title(t.engine), t.model, t.batch,
                           one && one->figure.error.empty() ? fmt::format("{:.3f}", one->figure.ms) : "-",
                           t.threads, t.figure.error.empty() ? fmt::format("{:.3f}", t.figure.ms) : "-",
                           timed ? fmt::format("{:.2f}x", one->figure.ms / t.figure.ms) : "-");
    }
    return out;
}

// Per engine and MXCSR mode, the normal case's time and each denormal
// case's time as a multiple of it.
std::string denormals_table(const Results& r) {
    const auto find = [&](const std::string& engine, std::string_view input_case, std::string_view mxcsr) {
        for (const DenormalRun& d : r.denormals)
            if (d.engine == engine && d.input_case == input_case && d.mxcsr == mxcsr && d.figure.error.empty())
                return &d.figure;
        return static_cast<const Figure*>(nullptr);
    };
    std::vector<std::string> engines;
    for (const DenormalRun& d : r.denormals)
        if (std::find(engines.begin(), engines.end(), d.engine) == engines.end()) engines.push_back(d.engine);
    std::string out = "| engine | MXCSR | normal (ms) | denormal inputs | denormal weights |\n|---|---|---:|---:|---:|\n";
    for (const std::string& e : engines)
        for (const std::string_view mxcsr : {"ieee", "ftz_daz"}) {
            const Figure* normal = find(e, "normal", mxcsr);
            if (!normal) continue;
            std::string row = fmt::format("| {} | {} | {} |", e, mxcsr, ms_text(normal->ms));
            for (const std::string_view c : {"denormal_inputs", "denormal_weights"}) {
                const Figure* f = find(e, c, mxcsr);
                row += f ? fmt::format(" {} ({:.2f}x) |", ms_text(f->ms), f->ms / normal->ms) : " – |";
            }
            out += row + "\n";
        }
    return out;
}

std::string peers_not_run(const Results& r) {
    const auto peers = peers_not_built(r);
    if (peers.empty()) return {};
    std::string out = "\n## Peers not run\n\nThese were left out (missing, or their package failed to install or "
                      "load); the tables have no column for them.\n\n";
    for (const auto& [name, reason] : peers) out += fmt::format("- {}: {}\n", engine_title(name), reason);
    return out;
}

std::string markdown_report(const Results& r, const std::vector<TargetResult>& targets, const std::string& chart) {
    std::string out = "# ganforge benchmark report\n\n";
    out += "The generated code against the generic interpreter and the libraries a user would otherwise "
           "reach for, on the example generators, float32, one core, then one call spread over every core.\n\n";
    std::string isa;
    for (const EngineRun& run : r.runs)
        if (run.engine == "generated" && !run.figure.label.empty()) isa = run.figure.label;
    out += fmt::format("- **Date**: {}\n", r.context_or("date", "unknown"));
    out += fmt::format("- **CPU**: {} ({} logical CPUs at {} MHz); SIMD: {}\n", r.context_or("cpu_model", "unknown"),
                       r.context_or("num_cpus", "?"), r.context_or("mhz_per_cpu", "?"),
                       r.context_or("cpu_simd", "unknown"));
    out += fmt::format("- **Measured single-core FP32 FMA peak** (BM_peak_fma, its best repetition): {}\n",
                       r.peak && r.peak->error.empty()
                           ? fmt::format("{:.1f} GFLOP/s ({})", r.peak->gflops, r.peak->label)
                           : std::string("not measured"));
    out += fmt::format("- **Measured single-core memory read bandwidth** (BM_stream, its best repetition): {}\n",
                       stream_gbps(r) > 0 ? fmt::format("{:.1f} GB/s ({})", r.stream->gbps, r.stream->label)
                           : std::string("not measured"));
    const std::string forced = r.context_or("ganforge_isa", "unset");
    out += fmt::format("- **Generated code**: SIMD path {} ({})\n", isa.empty() ? "unknown" : isa,
                       forced == "unset" ? "the best this CPU has, chosen at run time"
                                         : fmt::format("forced by GANFORGE_ISA={}", forced));
    out += fmt::format(
        "- **Timing**: Google Benchmark, CPU time of one forward pass over the whole batch, the median of {} "
        "repetition{}{}; set-up (weights repacked, primitives and operators created, input converted to the "
        "engine's layout) is outside the timed region. GFLOP/s = 2 x multiply-adds x batch / time, counting the "
        "taps of a transposed convolution that land inside its output: not the zeros it inserts, nor the taps "
        "Keras' 'same' padding crops away (peers.md counted every tap, up to 19% more for the same time: see the "
        "last table).\n",
        r.repetitions, r.repetitions == 1 ? "" : "s",
        r.context.contains("min_time") ? fmt::format(" of at least {} s each", r.context_or("min_time", "")) : "");
    out += collapsed_chains(r);
    std::string above_peak;
    for (const EngineRun& run : r.runs)
        if (run.figure.error.empty() && peak_gflops(r) > 0 && executed_gflops(run) > peak_gflops(r))
            above_peak += fmt::format("{}{} on {} batch {} ({:.0f} GFLOP/s)", above_peak.empty() ? "" : ", ",
                                      run.engine, run.model, run.batch, executed_gflops(run));
    if (!above_peak.empty())
        out += fmt::format("- **Above the peak**: {}. GFLOP/s counts the multiply-adds of the model as declared "
                           "where an engine did not record those it executed; one that executes fewer can exceed "
                           "what the core can do.\n",
                           above_peak);
    out += "- **Same model, same weights**: glorot_uniform kernels (seed 1) with biases, BatchNormalization "
           "gamma, beta and moving statistics drawn at random (so folding them is exercised), inputs uniform in "
           "[-1, 1); before timing, each engine's output was checked against the interpreter's "
           "(|diff| <= 1e-4 x max(1, max |reference|)).\n";
    out += "- **Peers**, each built generically from the ModelSpec (BatchNormalization folded into the "
           "preceding kernel, activations fused where the library can), single-threaded:\n";
    out += "  - oneDNN: NHWC activations, weights reordered once to the format each primitive prefers, "
           "activations as post-ops, OpenMP limited to one thread.\n";
    out += fmt::format(
        "  - libtorch (ATen operators, PyTorch's C++ API): NCHW, InferenceMode, at::set_num_threads(1); Keras' "
        "'same' transposed convolutions with odd kernel - stride run with the smaller padding and are sliced. "
        "BLAS in the process: {}; OpenBLAS kernel: {}.\n",
        r.context_or("blas_libraries", "unknown"), r.context_or("openblas_core", "unknown"));
    out += "  - XNNPACK: f32 NHWC operators created (weights packed) and set up once, no thread pool, ReLU as "
           "the operators' clamp; it has no nearest upsampling and no tanh, which run as plain loops "
           "(a per-pixel channel copy; std::tanh).\n";
    if (r.context.contains("onnxruntime_version"))
        out += fmt::format(
            "  - ONNX Runtime {} (npm's onnxruntime-node, which carries its CPU library) in Node {}: the folded "
            "model written as ONNX (opset 13, NCHW, a symbolic batch), every graph optimisation, one intra-op "
            "thread, sequential execution. Timed by bench/onnxruntime/harness.mjs as Google Benchmark times, "
            "each call an `await session.run(feeds)` as a Node user makes it: Node's share of a call, {} us "
            "on a one-float Identity model, is inside its times. Its CPU time is the Node process's.\n",
            r.context_or("onnxruntime_version", "?"), r.context_or("onnxruntime_node", "?"),
            one_decimal(r.context_or("onnxruntime_call_us", "?")));
    out += fmt::format("- **Threads and BLAS settings**: {}\n", r.context_or("threads", "unknown"));
    if (r.context.contains("load_avg"))
        out += fmt::format("- **Machine load** when the run started (1, 5, 15 min load average): {} on {} logical "
                           "CPUs. Above ~1, other processes shared the core: every figure, the peak too, is then "
                           "lower and noisier than on an idle machine.\n",
                           r.context_or("load_avg", ""), r.context_or("num_cpus", "?"));
    if (r.context.contains("packages")) out += fmt::format("- **Packages**: {}\n", r.context_or("packages", ""));
    if (r.context_or("library_build_type", "") == "debug")
        out += "- Debian's libbenchmark is built without NDEBUG (it warns \"Library was built as DEBUG\"); that "
               "affects its own bookkeeping, not the timed code.\n";

    out += peers_not_run(r);

    out += "\n## Targets\n\n" + targets_table(targets);

    std::string errors;
    for (const EngineRun& run : r.runs)
        if (!run.figure.error.empty())
            errors += fmt::format("- BM_{}/{}/batch:{}: {}\n", run.engine, run.model, run.batch, run.figure.error);
    if (!errors.empty()) out += "\n## Not timed\n\n" + errors;

    out += fmt::format("\n## Results\n\n![GFLOP/s per engine, model and batch]({})\n\n", chart);
    out += "In each group of the chart the bars are, left to right, as in its legend: " + bar_order(r) +
           ". Each engine has a colour and a lightness of its own, and engines next in lightness alternate "
           "solid and hatched bars, so the chart reads in grey too. The "
           "generated code's share of the peak, the last column below, counts the multiply-adds it executed (the "
           "table of multiply-adds per image has them): it skips the taps on a Conv2D's zero padding, and a collapsed chain leaves out most "
           "of the model's.\n\n";
    out += "Time per forward pass over the batch in ms (GFLOP/s):\n\n" + results_table(r);
    out += "\nSpeed-up of the generated code (the other engine's time / generated's):\n\n" + speedup_table(r);

    if (!r.steps.empty())
        out += "\n## The generated code, step by step\n\nEach step (a layer after fusion) timed alone on the "
               "activations it sees in the model. Its binding roof is the time it cannot beat on this core: its "
               "multiply-adds at the FMA peak, or the least it must move (its weights, input and output once "
               "each) at the memory read bandwidth, whichever is longer; the last column is that time over the "
               "step's. A step timed alone keeps its data in cache from one call to the next when they fit, and "
               "can then beat the memory roof, which inside the model it may not:\n" +
               steps_tables(r);

    if (!r.threaded.empty())
        out += "\n## Threads\n\nOne call spread over t threads (ganforge::ThreadPool: the batch in contiguous "
               "shares, one per thread; the result is the one-thread one bit for bit). Its time is the wall clock "
               "(CPU time would count the calling thread only); the one-thread time is the table above's. Each "
               "peer runs on its own pool: oneDNN and libtorch through OpenMP (libtorch's BLAS too), XNNPACK "
               "through a pthreadpool, ONNX Runtime through its intra-op threads.\n\n" +
               threads_table(r);

    if (!r.denormals.empty())
        out += "\n## Denormal numbers\n\nmnist_gen, batch 1, in ms, and as a multiple of the normal case: inputs "
               "scaled by 1e-39 (every activation then denormal) or every kernel scaled by 1e-39. The MXCSR "
               "column is the caller's mode: `ieee` computes denormals (every thread starts so), `ftz_daz` "
               "flushes them. predict sets flush-to-zero and denormals-are-zero for its own duration either way, "
               "as TensorFlow's CPU threads run, so both should show the normal time.\n\n" +
               denormals_table(r);

    out += "\n## Multiply-adds per image\n\n| model | transposed-convolution taps inside the output (used above) "
           "| every tap (peers.md) | executed by the generated code |\n|---|---:|---:|---:|\n";
    for (const std::string& m : r.models())
        if (const auto macs = model_macs(r, m))
            out += fmt::format("| {} | {} | {} | {} |\n", m, macs->inside_output, macs->all,
                               executed_by_generated(r, m));

    out += "\n## Comparing two runs\n\nresults.json is Google Benchmark's own JSON, so its compare tool works "
           "on two runs (Debian: `apt-get install libbenchmark-tools python3-scipy`; run it with Debian's "
           "python3):\n\n"
           "```\n/usr/bin/python3 /usr/share/benchmark/compare.py benchmarks old/results.json report/results.json\n"
           "/usr/bin/python3 /usr/share/benchmark/compare.py filters report/results.json BM_xnnpack/ BM_generated/\n"
           "```\n\nThe first compares every benchmark of two runs, the second two engines within one run. "
           "Its Mann-Whitney U test wants 9 or more repetitions: `GANFORGE_BENCH_FLAGS=--benchmark_repetitions=9 "
           "bash scripts/main.sh`.\n";
    return out;
}

}  // namespace ganforge::report
