// chart.svg: GFLOP/s of every engine (the model's multiply-adds as declared),
// grouped by model and batch, against the measured peak; the bar of a
// collapsed chain (its engine executed far fewer) is marked.
#pragma once

#include <ganforge/bench/report/bar_chart.hpp>
#include <ganforge/bench/report/results.hpp>

namespace ganforge::report {

BarChart gflops_chart(const Results& results);

}  // namespace ganforge::report
