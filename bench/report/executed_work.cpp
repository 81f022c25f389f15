#include "bench/report/executed_work.hpp"

namespace ganforge::report {

double executed_gflops(const EngineRun& run) {
    const Figure& f = run.figure;
    if (!f.executed_macs || f.ms <= 0) return f.gflops;
    return 2.0 * double(*f.executed_macs) * double(run.batch) / (f.ms * 1e6);
}

bool collapsed(const Results& r, const EngineRun& run) {
    const auto declared = model_macs(r, run.model);
    return run.figure.executed_macs && declared && 2 * *run.figure.executed_macs <= declared->inside_output;
}

}  // namespace ganforge::report
