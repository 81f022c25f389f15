// The report tool on a fixed Google Benchmark JSON (fixtures/results.json:
// seed_tconv and dcgan64, every engine, medians with misleading means, the
// roofs' best repetitions (peak and memory bandwidth), one benchmark skipped
// by its check, two generated steps run once each, two denormal cases, one
// run on two threads, ONNX Runtime's rows as the merge of its harness writes
// them, the multiply-adds the generated code executed: seed_tconv's chain
// collapsed into one matrix, so fewer than the model declares).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "bench/report/bar_chart.hpp"
#include "bench/report/colour_lightness.hpp"
#include "bench/report/completeness.hpp"
#include "bench/report/engine_styles.hpp"
#include "bench/report/executed_work.hpp"
#include "bench/report/report_markdown.hpp"
#include "bench/report/results.hpp"
#include "bench/report/results_chart.hpp"
#include "bench/report/svg_writer.hpp"
#include "bench/report/targets.hpp"
#include <ganforge/core/error.hpp>

namespace ganforge::report {
namespace {

const Results& fixture() {
    static const Results r = [] {
        std::ifstream in(GANFORGE_REPORT_FIXTURE);
        std::ostringstream s;
        s << in.rdbuf();
        return read_results(s.str());
    }();
    return r;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(ReadResults, TakesMediansNamesAndErrors) {
    const Results& r = fixture();
    EXPECT_EQ(r.repetitions, 3u);
    EXPECT_EQ(r.engines(), (std::vector<std::string>{"interpreter", "generated", "onednn", "libtorch", "xnnpack",
                                                    "onnxruntime"}));
    EXPECT_EQ(r.models(), (std::vector<std::string>{"seed_tconv", "dcgan64"}));
    EXPECT_EQ(r.batches("dcgan64"), (std::vector<std::size_t>{1, 16}));
    EXPECT_TRUE(r.batches("no such model").empty());
    const EngineRun* g = r.find("generated", "dcgan64", 16);
    ASSERT_NE(g, nullptr);
    EXPECT_NEAR(g->figure.ms, 150.0, 1e-9);  // the median, not the mean (300)
    EXPECT_NEAR(g->figure.gflops, 2e-9 * 536341888 * 16 / 0.150, 1e-6);
    EXPECT_EQ(g->figure.label, "avx512");
    EXPECT_EQ(g->figure.executed_macs, 536341888u);
    EXPECT_FALSE(r.find("onednn", "dcgan64", 16)->figure.executed_macs);  // recorded by the generated code only
    const EngineRun* x = r.find("xnnpack", "dcgan64", 1);
    ASSERT_NE(x, nullptr);
    EXPECT_TRUE(contains(x->figure.error, "disagrees with the interpreter"));
    ASSERT_TRUE(r.peak);
    EXPECT_NEAR(r.peak->gflops, 265.0, 1e-6);  // the best repetition ("max"), not the median (260)
    ASSERT_EQ(r.steps.size(), 2u);
    EXPECT_EQ(r.steps[1].index, 1u);
    EXPECT_EQ(r.steps[0].name, "dense_1: Dense 100 -> 16384 + ReLU");
    EXPECT_EQ(r.steps[1].name, "conv2d_transpose_1");
    EXPECT_NEAR(r.steps[1].figure.ms, 45.0, 1e-9);  // from us
    EXPECT_NEAR(r.steps[0].figure.bytes, 7608576.0, 1e-6);
    ASSERT_TRUE(r.stream);
    EXPECT_NEAR(r.stream->gbps, 20.0, 1e-9);  // the best repetition, not the median (19)
    ASSERT_EQ(r.threaded.size(), 1u);  // its own list: the one-thread tables do not see it
    EXPECT_EQ(r.threaded[0].threads, 2u);
    EXPECT_NEAR(r.threaded[0].figure.ms, 80.0, 1e-9);  // the wall clock's median, not the CPU time (40)
    ASSERT_EQ(r.denormals.size(), 2u);
    EXPECT_EQ(r.denormals[1].engine, "generated_avx512");
    EXPECT_EQ(r.denormals[1].input_case, "denormal_inputs");
    EXPECT_EQ(r.denormals[1].mxcsr, "ieee");
    EXPECT_NEAR(r.denormals[1].figure.ms, 1.5, 1e-9);
    const auto macs = model_macs(r, "dcgan64");
    ASSERT_TRUE(macs);
    EXPECT_EQ(macs->inside_output, 536341888u);
}

TEST(ReadResults, RejectsWhatIsNotBenchmarkJson) {
    EXPECT_THROW(read_results("not json"), Error);
    EXPECT_THROW(read_results(R"({"context": {}})"), Error);
}

TEST(Targets, JudgedOnTheFigures) {
    const std::vector<TargetResult> t = evaluate_targets(fixture());
    auto find = [&](const std::string& start) -> const TargetResult& {
        for (const TargetResult& x : t)
            if (x.target.rfind(start, 0) == 0) return x;
        ADD_FAILURE() << "no target " << start;
        return t.front();
    };
    EXPECT_TRUE(find("seed_tconv, batch 1: generated >= 10x").met);      // 12.5x
    EXPECT_FALSE(find("seed_upsample, batch 1: generated >= 10x").met);  // no figures at all
    EXPECT_TRUE(contains(find("seed_upsample, batch 1").figures, "no generated figures"));
    EXPECT_TRUE(find("dcgan64: generated >= 5x").met);
    EXPECT_TRUE(find("seed_tconv, batch 16: generated faster than each peer").met);
    const TargetResult& skipped = find("dcgan64, batch 1: generated faster than each peer");
    EXPECT_FALSE(skipped.met);  // XNNPACK was not timed
    EXPECT_TRUE(contains(skipped.figures, "oneDNN 1.90x")) << skipped.figures;
    EXPECT_TRUE(contains(skipped.figures, "xnnpack batch 1 not timed")) << skipped.figures;
    const TargetResult& fastest = find("dcgan64, batch 16: generated >= 1.3x the fastest peer");
    EXPECT_TRUE(fastest.met);  // 200 / 150
    EXPECT_TRUE(contains(fastest.figures, "XNNPACK 200 ms: 1.33x")) << fastest.figures;
    const TargetResult& peak = find("dcgan64, batch 16: generated >= 60%");
    EXPECT_FALSE(peak.met);  // 114.4 of 265
    EXPECT_TRUE(contains(peak.figures, "114.4 of 265.0 GFLOP/s: 43.2% (51.6% counting every tap")) << peak.figures;
    const TargetResult& every_tap = find("dcgan64, batch 16: generated >= 80% of the measured peak, every tap");
    EXPECT_FALSE(every_tap.met);
    EXPECT_TRUE(contains(every_tap.figures, "136.7 of 265.0 GFLOP/s: 51.6%")) << every_tap.figures;
    const TargetResult& onnxruntime = find("dcgan64, batch 1: generated >= 1.3x ONNX Runtime");
    EXPECT_TRUE(onnxruntime.met);  // 29 / 10
    EXPECT_TRUE(contains(onnxruntime.figures, "ONNX Runtime 2.90x")) << onnxruntime.figures;
    // Two threads: only the generated code's dcgan64 batch 16 was spread.
    const TargetResult& scaling = find("dcgan64, batch 16: generated on 2 threads >= 1.8x");
    EXPECT_TRUE(scaling.met);  // 150 / 80
    EXPECT_TRUE(contains(scaling.figures, "150 ms vs 80 ms: 1.88x")) << scaling.figures;
    const TargetResult& one_image = find("dcgan64, batch 1: generated on 2 threads >= 1.6x");
    EXPECT_FALSE(one_image.met);
    EXPECT_TRUE(contains(one_image.figures, "no generated figures for batch 1 on 2 threads")) << one_image.figures;
    const TargetResult& peers_on_two = find("2 threads: generated faster than each peer on 2 threads");
    EXPECT_FALSE(peers_on_two.met);
    EXPECT_TRUE(contains(peers_on_two.figures, "dcgan64: no onednn figures for batch 16 on 2 threads"))
        << peers_on_two.figures;
}

TEST(Markdown, ShowsEveryEngineTheSpeedUpsAndHowItWasRun) {
    const Results& r = fixture();
    const std::string md = markdown_report(r, evaluate_targets(r), "chart.svg");
    EXPECT_TRUE(contains(md, "| model | batch | interpreter | generated | oneDNN | libtorch | XNNPACK | ONNX Runtime |"));
    EXPECT_TRUE(contains(md, "| dcgan64 | 16 | 7000 (2.5) | 150 (114.4) | 210 (81.7) | 250 (68.7) | 200 (85.8) | 260 (66.0) | 43.2% |"))
        << md;
    EXPECT_TRUE(contains(md, "| dcgan64 | 1 | 30.00x | 1.90x | 2.20x | – | 2.90x | 1.90x (oneDNN) |")) << md;
    EXPECT_TRUE(contains(md, "- BM_xnnpack/dcgan64/batch:1: xnnpack disagrees"));
    EXPECT_TRUE(contains(md, "Test CPU <x86>"));
    EXPECT_TRUE(contains(md, "openblas-pthread/libblas.so.3"));
    EXPECT_TRUE(contains(md, "ONNX Runtime 1.30.0 (npm's onnxruntime-node")) << md;
    EXPECT_TRUE(contains(md, "in Node v18.20.4")) << md;
    EXPECT_TRUE(contains(md, "Node's share of a call, 6.5 us on a one-float Identity model")) << md;
    EXPECT_TRUE(contains(md, "median of 3 repetitions of at least 0.3 s each"));
    EXPECT_TRUE(contains(md, "| 1 | conv2d_transpose_1 | 45 | 90.0% |")) << md;
    EXPECT_TRUE(contains(md, "20.0 GB/s (512 MiB read, one thread)")) << md;
    // The Dense streams 7.6 MB in 5 ms (0.38 ms at 20 GB/s; its FMAs 0.20 ms at
    // the peak); the transposed convolution's FMAs take 25.3 of its 45 ms.
    EXPECT_TRUE(contains(md, "| 10.5 | 4.0% | memory 7.6% |")) << md;
    EXPECT_TRUE(contains(md, "| 149.1 | 56.3% | compute 56.3% |")) << md;
    // Faster than its bytes can come from memory: they were in cache.
    Results cached = r;
    cached.steps[0].figure.ms = 0.1;
    EXPECT_TRUE(contains(markdown_report(cached, evaluate_targets(cached), "chart.svg"), "| memory 380.4% (in cache) |"));
    EXPECT_TRUE(contains(md, "compare.py benchmarks"));
    EXPECT_TRUE(contains(md, "0.10 on 2 logical CPUs"));
    EXPECT_TRUE(contains(md, "| dcgan64 | 536341888 | 640614400 | 536341888 |")) << md;
    EXPECT_TRUE(contains(md, "| generated_avx512 | ieee | 0.5 | 1.5 (3.00x) | – |")) << md;
    EXPECT_TRUE(contains(md, "| generated | dcgan64 | 16 | 150.000 | 2 | 80.000 | 1.88x |")) << md;
}

TEST(Completeness, ListsEveryRowNotTimed) {
    // The fixture has every engine on both models and batches; one was skipped by its check.
    const std::vector<std::string> missing = missing_rows(fixture());
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_TRUE(contains(missing[0], "BM_xnnpack/dcgan64/batch:1: "));
    EXPECT_TRUE(contains(missing[0], "disagrees with the interpreter"));
    EXPECT_TRUE(peers_not_built(fixture()).empty());
    EXPECT_EQ(peers_not_run(fixture()), "");
}

TEST(Completeness, APeerLeftOutOfTheBuildIsReportedAndMissing) {
    Results r = fixture();
    std::erase_if(r.runs, [](const EngineRun& run) { return run.engine == "onednn"; });
    r.context["peer_not_built_onednn"] = "Could NOT find OpenCL (missing: OpenCL_LIBRARY)";
    const std::vector<std::string> missing = missing_rows(r);
    // Two models x two batches for oneDNN, and the skipped XNNPACK row.
    ASSERT_EQ(missing.size(), 5u);
    EXPECT_EQ(std::count_if(missing.begin(), missing.end(),
                            [](const std::string& m) {
                                return contains(m, "BM_onednn/") &&
                                       contains(m, ": not built: Could NOT find OpenCL (missing: OpenCL_LIBRARY)");
                            }),
              4);
    const std::string md = markdown_report(r, evaluate_targets(r), "chart.svg");
    EXPECT_TRUE(contains(md, "## Peers not run"));
    EXPECT_TRUE(contains(md, "- oneDNN: Could NOT find OpenCL (missing: OpenCL_LIBRARY)"));
    EXPECT_FALSE(contains(md, "| oneDNN |"));  // no column for it
    EXPECT_TRUE(contains(md, "| XNNPACK |"));
}

TEST(Completeness, AnEngineAbsentWithoutAReasonIsMissingToo) {
    Results r = fixture();
    std::erase_if(r.runs, [](const EngineRun& run) { return run.engine == "generated" && run.model == "seed_tconv"; });
    const std::vector<std::string> missing = missing_rows(r);
    EXPECT_EQ(std::count_if(missing.begin(), missing.end(),
                            [](const std::string& m) { return contains(m, "BM_generated/seed_tconv/") &&
                                                              contains(m, "not in the results"); }),
              2);
}

TEST(Chart, OneBarPerEngineAndGroupWithThePeak) {
    const BarChart c = gflops_chart(fixture());
    ASSERT_EQ(c.series.size(), 6u);
    ASSERT_EQ(c.groups.size(), 4u);
    EXPECT_EQ(c.groups[2].label, "dcgan64");
    EXPECT_EQ(c.groups[2].sublabel, "batch 1");
    EXPECT_FALSE(c.groups[2].values[4]);  // XNNPACK not timed
    ASSERT_TRUE(c.reference);
    EXPECT_NEAR(*c.reference, 265.0, 1e-6);
    const std::string svg = render_svg(c);
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_TRUE(contains(svg, "Test CPU &lt;x86&gt;"));  // escaped
    EXPECT_TRUE(contains(svg, ">n/a</text>"));
    EXPECT_TRUE(contains(svg, "</svg>\n"));
}

TEST(Chart, SeriesNextInLightnessAlternateSolidAndHatched) {
    BarChart c;
    // Listed out of lightness order: black, white, dark grey, light grey, and a colour lightness() cannot read.
    c.series = {{"a", "#000000"}, {"b", "#ffffff"}, {"c", "#444444"}, {"d", "#bbbbbb"}, {"e", "red"}};
    c.groups = {{"g", "", {1.0, 2.0, 3.0, 4.0, 5.0}, {}}};
    const std::string svg = render_svg(c);
    EXPECT_TRUE(contains(svg, "<defs>\n    <pattern id=\"hatch\"")) << svg;
    // A hatched bar: its colour's rect, then the hatching's over it.
    const auto hatched = [&](const std::string& series) {
        const std::size_t bar = svg.find("<title>" + series + ": ");
        const std::size_t next = svg.find('\n', bar) + 1;
        return bar != std::string::npos && contains(svg.substr(next, svg.find('\n', next) - next), "url(#hatch)");
    };
    // Darkest first: a solid, c hatched, d solid, b hatched; e solid.
    EXPECT_FALSE(hatched("a"));
    EXPECT_TRUE(hatched("c"));
    EXPECT_FALSE(hatched("d"));
    EXPECT_TRUE(hatched("b"));
    EXPECT_FALSE(hatched("e"));
}

TEST(Chart, TicksAreRoundSteps) {
    EXPECT_DOUBLE_EQ(tick_step(286.0, 8), 50.0);
    EXPECT_DOUBLE_EQ(tick_step(70.0, 8), 10.0);
    EXPECT_DOUBLE_EQ(tick_step(0.9, 8), 0.2);
    EXPECT_EQ(xml_escape("a<b & 'c'"), "a&lt;b &amp; &apos;c&apos;");
}

TEST(ColourLightness, IsCieLightness) {
    EXPECT_NEAR(*lightness("#000000"), 0.0, 1e-9);
    EXPECT_NEAR(*lightness("#ffffff"), 100.0, 1e-6);
    EXPECT_NEAR(*lightness("#777777"), 50.0, 0.1);  // sRGB's middle grey
    EXPECT_NEAR(*lightness("#004488"), 29.2, 0.1);
    EXPECT_FALSE(lightness("white"));
    EXPECT_FALSE(lightness("#abc"));
    EXPECT_FALSE(lightness("#00gg00"));
}

TEST(EngineStyles, EachEngineHasAColourAndALightnessOfItsOwn) {
    std::set<std::string_view> names, colours;
    for (const EngineStyle& s : engine_styles) {
        names.insert(s.name);
        colours.insert(s.colour);
    }
    EXPECT_EQ(names.size(), std::size(engine_styles));
    EXPECT_EQ(colours.size(), std::size(engine_styles));
    EXPECT_NE(engine_colour("generated"), engine_colour("onnxruntime"));  // they were one orange
    // In grey an engine is its lightness: any two a step apart that shows,
    // neighbouring bars (the list's order) further.
    for (std::size_t i = 0; i < std::size(engine_styles); ++i)
        for (std::size_t j = i + 1; j < std::size(engine_styles); ++j) {
            const EngineStyle &a = engine_styles[i], &b = engine_styles[j];
            const double step = std::abs(*lightness(a.colour) - *lightness(b.colour));
            EXPECT_GE(step, 9.0) << a.name << " " << a.colour << " and " << b.name << " " << b.colour;
            if (j == i + 1) {
                EXPECT_GE(step, 15.0) << a.name << " next to " << b.name;
            }
        }
    // An engine from another build: titled by its name, in a colour no listed engine has.
    EXPECT_EQ(engine_title("onednn"), "oneDNN");
    EXPECT_EQ(engine_title("another"), "another");
    EXPECT_FALSE(colours.contains(engine_colour("another")));
    // The peers are the list without ganforge's own engines.
    ASSERT_EQ(std::size(peers), std::size(engine_styles) - 2);
    EXPECT_EQ(peers[0].name, "onednn");
}

TEST(Chart, LegendTablesAndTextNameTheBarsAlike) {
    const Results& r = fixture();
    const BarChart c = gflops_chart(r);
    std::string head = "| model | batch |", order;
    std::set<std::string> colours;
    for (const BarSeries& s : c.series) {
        head += " " + s.name + " |";
        order += (order.empty() ? "" : ", ") + s.name;
        colours.insert(s.color);
    }
    EXPECT_EQ(colours.size(), c.series.size());
    EXPECT_EQ(c.series[1].color, engine_colour("generated"));
    EXPECT_TRUE(contains(results_table(r), head + " generated, % of peak |")) << head;
    const std::string md = markdown_report(r, evaluate_targets(r), "chart.svg");
    EXPECT_TRUE(contains(md, "the bars are, left to right, as in its legend: " + order + ".")) << md;
    EXPECT_EQ(order, "interpreter, generated, oneDNN, libtorch, XNNPACK, ONNX Runtime");
    // The legend fits the chart however few the bars.
    const std::string svg = render_svg(c);
    const double width = std::stod(svg.substr(svg.find("width=\"") + 7));
    EXPECT_GT(width, 78 + 6 * 34 + 8.5 * double(order.size()));
}

// The fixture with seed_tconv's generated code twenty times faster, as fast
// as the real one: its GFLOP/s (the declared multiply-adds) over ten times
// the peak.
Results collapsed_above_the_peak() {
    Results r = fixture();
    for (EngineRun& run : r.runs)
        if (run.engine == "generated" && run.model == "seed_tconv") {
            run.figure.ms /= 20;
            run.figure.gflops *= 20;
        }
    return r;
}

TEST(ExecutedWork, ACollapsedChainsShareOfThePeakCountsWhatItExecuted) {
    const Results r = collapsed_above_the_peak();
    const EngineRun& g = *r.find("generated", "seed_tconv", 1);
    EXPECT_GT(g.figure.gflops, 10 * r.peak->gflops);
    EXPECT_TRUE(collapsed(r, g));
    EXPECT_NEAR(executed_gflops(g), 2e-9 * 10000 / 0.0002e-3, 1e-6);
    EXPECT_FALSE(collapsed(r, *r.find("generated", "dcgan64", 16)));  // it executes what it declares
    const EngineRun& onednn = *r.find("onednn", "dcgan64", 16);
    EXPECT_EQ(executed_gflops(onednn), onednn.figure.gflops);  // recorded none: the declared
    // Every collapsed row of the table says so, at most 100% of the peak.
    const std::string table = results_table(r);
    EXPECT_TRUE(contains(table, "| seed_tconv | 1 |")) << table;
    std::istringstream lines(table);
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with("| seed_tconv |")) continue;
        const std::string share = line.substr(line.rfind('|', line.size() - 2) + 2);
        EXPECT_TRUE(contains(share, "% (collapsed) |")) << line;
        EXPECT_LE(std::stod(share), 100.0) << line;
    }
    EXPECT_TRUE(contains(table, " 37.7% (collapsed) |\n")) << table;  // 100 GFLOP/s executed of 265
    EXPECT_TRUE(contains(table, " 43.2% |\n")) << table;               // dcgan64, not collapsed
    const std::string md = markdown_report(r, evaluate_targets(r), "chart.svg");
    EXPECT_TRUE(contains(md, "- **Collapsed chains**: the generated code computes a chain of affine layers")) << md;
    EXPECT_TRUE(contains(md, ": seed_tconv 10000 of 345088 per image.")) << md;
    EXPECT_FALSE(contains(md, "**Above the peak**")) << md;
    EXPECT_TRUE(contains(md, "| seed_tconv | 345088 | 348800 | 10000 |")) << md;
}

TEST(ExecutedWork, SkippedPaddingTapsAreNoCollapse) {
    Results r = fixture();
    for (EngineRun& run : r.runs)
        if (run.engine == "generated" && run.model == "dcgan64") run.figure.executed_macs = 525615050;  // 98%
    const EngineRun& g = *r.find("generated", "dcgan64", 16);
    EXPECT_FALSE(collapsed(r, g));
    const std::string table = results_table(r);
    EXPECT_TRUE(contains(table, " 42.3% |\n")) << table;  // 43.2% of the declared
    EXPECT_FALSE(contains(markdown_report(r, evaluate_targets(r), "chart.svg"), "dcgan64 525615050 of"));
}

TEST(ExecutedWork, ResultsWithoutTheCounterShowTheDeclaredShareAboveThePeak) {
    Results r = collapsed_above_the_peak();
    for (EngineRun& run : r.runs) run.figure.executed_macs.reset();
    const std::string md = markdown_report(r, evaluate_targets(r), "chart.svg");
    EXPECT_TRUE(contains(md, " 1302.2% |\n")) << md;
    EXPECT_TRUE(contains(md, "- **Above the peak**: generated on seed_tconv batch 1 (3451 GFLOP/s)")) << md;
    EXPECT_FALSE(contains(md, "(collapsed)")) << md;
    EXPECT_FALSE(contains(md, "**Collapsed chains**")) << md;
    EXPECT_TRUE(gflops_chart(r).footnote.empty());
}

TEST(Chart, ACollapsedBarSaysSo) {
    const BarChart c = gflops_chart(collapsed_above_the_peak());
    ASSERT_EQ(c.groups[0].marks.size(), c.series.size());
    EXPECT_EQ(c.groups[0].marks[1], "*");  // seed_tconv batch 1, generated
    EXPECT_EQ(c.groups[0].marks[2], "");   // oneDNN
    EXPECT_EQ(c.groups[2].marks[1], "");   // dcgan64
    const std::string svg = render_svg(c);
    EXPECT_TRUE(contains(svg, ">3451*</text>")) << svg;  // broken at the top of the axis
    EXPECT_TRUE(contains(svg, ">* collapsed: the generated code computes a chain of affine layers")) << svg;
}

}  // namespace
}  // namespace ganforge::report
