// ganforge_report RESULTS.json OUT_DIR: turns the benchmark JSON into
// OUT_DIR/report.md and OUT_DIR/chart.svg, and prints the tables and targets.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include <ganforge/bench/report/report_markdown.hpp>
#include <ganforge/bench/report/results_chart.hpp>
#include <ganforge/runtime/error.hpp>

namespace {

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw ganforge::Error(fmt::format("{}: cannot open", p.string()));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw ganforge::Error(fmt::format("{}: cannot write", p.string()));
}

}  // namespace

int main(int argc, char** argv) {
    using namespace ganforge::report;
    if (argc != 3) {
        std::fprintf(stderr, "usage: ganforge_report RESULTS.json OUT_DIR\n"
                             "writes OUT_DIR/report.md and OUT_DIR/chart.svg from Google Benchmark's JSON\n");
        return 2;
    }
    try {
        const std::filesystem::path json = argv[1], dir = argv[2];
        Results results;
        try {
            results = read_results(read_file(json));
        } catch (const ganforge::Error& e) {
            throw ganforge::Error(fmt::format("{}: {}", json.string(), e.what()));
        }
        const std::vector<TargetResult> targets = evaluate_targets(results);
        std::filesystem::create_directories(dir);
        write_file(dir / "report.md", markdown_report(results, targets, "chart.svg"));
        write_file(dir / "chart.svg", render_svg(gflops_chart(results)));
        std::cout << "\nTime per forward pass over the batch in ms (GFLOP/s):\n\n" << results_table(results)
                  << "\nSpeed-up of the generated code:\n\n" << speedup_table(results)
                  << "\nTargets:\n\n" << targets_table(targets) << "\nWritten: " << (dir / "report.md").string()
                  << ", " << (dir / "chart.svg").string() << "\n";
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ganforge_report: %s\n", e.what());
        return 1;
    }
}
