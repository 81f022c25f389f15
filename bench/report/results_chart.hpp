// chart.svg: GFLOP/s of every engine (the model's multiply-adds as declared),
// grouped by model and batch, against the measured peak; the bar of a
// collapsed chain (its engine executed far fewer) is marked.
#pragma once

#include "bench/report/bar_chart.hpp"
#include "bench/report/results.hpp"

namespace ganforge::report {

BarChart gflops_chart(const Results& results);

}  // namespace ganforge::report
