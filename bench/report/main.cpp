// ganforge_report [--check-complete] RESULTS.json OUT_DIR: turns the
// benchmark JSON into OUT_DIR/report.md and OUT_DIR/chart.svg, and prints the
// tables and targets. With --check-complete it then exits with status 3 when
// a row is missing or was not timed (every engine on every model and batch),
// listing each.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "bench/report/completeness.hpp"
#include "bench/report/report_markdown.hpp"
#include "bench/report/results_chart.hpp"
#include <ganforge/core/error.hpp>

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
    const bool check_complete = argc > 1 && std::string_view(argv[1]) == "--check-complete";
    if (argc != 3 + int(check_complete)) {
        std::fprintf(stderr, "usage: ganforge_report [--check-complete] RESULTS.json OUT_DIR\n"
                             "writes OUT_DIR/report.md and OUT_DIR/chart.svg from Google Benchmark's JSON;\n"
                             "--check-complete: exit status 3 if an engine, model or batch has no timed row\n");
        return 2;
    }
    try {
        const std::filesystem::path json = argv[1 + int(check_complete)], dir = argv[2 + int(check_complete)];
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
                  << "\nTargets:\n\n" << targets_table(targets) << peers_not_run(results)
                  << "\nWritten: " << (dir / "report.md").string() << ", " << (dir / "chart.svg").string() << "\n";
        if (check_complete) {
            const std::vector<std::string> missing = missing_rows(results);
            for (const std::string& row : missing) std::fprintf(stderr, "ganforge_report: missing %s\n", row.c_str());
            if (!missing.empty()) return 3;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ganforge_report: %s\n", e.what());
        return 1;
    }
}
