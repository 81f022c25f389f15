#include "progress_line.hpp"

#include <cstdio>

#include <fmt/format.h>
#include <unistd.h>

namespace ganforge::cli {
namespace {

// Before a first line, and between two.
constexpr std::chrono::milliseconds quiet_start{1000}, interval{200};

}  // namespace

ProgressLine::ProgressLine() : terminal_(::isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() {
    if (shown_) fmt::print(stderr, "\r\033[K");
}

void ProgressLine::update(const Progress& p) {
    if (!terminal_ || p.work == 0) return;
    const std::lock_guard lock(mutex_);
    const Clock::time_point now = Clock::now();
    if (now - start_ < quiet_start || now - last_ < interval) return;
    last_ = now;
    shown_ = true;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double fraction = double(p.work_done) / double(p.work);
    const std::string left = fraction > 0.0 ? fmt::format(", about {:.1f} s left", elapsed * (1.0 / fraction - 1.0)) : "";
    fmt::print(stderr, "\r\033[Klayer {}/{} ({:.0f}%), {:.1f} s{}", p.layers_done, p.layers, 100.0 * fraction, elapsed,
               left);
    std::fflush(stderr);
}

}  // namespace ganforge::cli
