// chart.svg: GFLOP/s of every engine, grouped by model and batch, against the
// measured peak.
#pragma once

#include <ganforge/bench/report/bar_chart.hpp>
#include <ganforge/bench/report/results.hpp>

namespace ganforge::report {

BarChart gflops_chart(const Results& results);

}  // namespace ganforge::report
