// chart.svg: GFLOP/s of every engine, grouped by model and batch, against the
// measured peak.
#pragma once

#include "bench/report/bar_chart.hpp"
#include "bench/report/results.hpp"

namespace ganforge::report {

BarChart gflops_chart(const Results& results);

}  // namespace ganforge::report
