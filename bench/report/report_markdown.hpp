// report.md: the comparison as Markdown tables, with how it was measured and
// the targets. The results and speed-up tables are also what the main
// command prints at the end.
#pragma once

#include <string>
#include <vector>

#include "bench/report/results.hpp"
#include "bench/report/targets.hpp"

namespace ganforge::report {

// Per model and batch: each engine's time per batch and GFLOP/s, and
// generated's share of the measured peak, counting the multiply-adds it
// executed, and "collapsed" where a chain computed as one matrix left out
// most of the model's.
std::string results_table(const Results& results);
// Per model and batch: generated's speed-up over each other engine.
std::string speedup_table(const Results& results);
std::string targets_table(const std::vector<TargetResult>& targets);
// The peers the bench's build left out, and why, as a section; empty when
// every peer ran.
std::string peers_not_run(const Results& results);
// Per model and batch, each step of the generated code.
std::string steps_tables(const Results& results);

// The whole report; `chart` is the chart's file name, next to report.md.
std::string markdown_report(const Results& results, const std::vector<TargetResult>& targets,
                            const std::string& chart);

}  // namespace ganforge::report
