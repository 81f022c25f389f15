// A progress line on a terminal for work that takes more than a second:
// "layer 54/154 (37%), 3.2 s, about 5.4 s left", rewritten in place on
// standard error and cleared at the end; nothing when standard error is not
// a terminal, or for work done within the second.
#pragma once

#include <chrono>
#include <mutex>

#include <ganforge/runtime/interpreter.hpp>

namespace ganforge::cli {

class ProgressLine {
public:
    ProgressLine();
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // The interpreter's report (safe from several threads).
    void update(const Progress& p);
    ProgressFn callback() {
        return [this](const Progress& p) { update(p); };
    }

private:
    using Clock = std::chrono::steady_clock;
    bool terminal_;
    Clock::time_point start_ = Clock::now(), last_ = start_;
    bool shown_ = false;
    std::mutex mutex_;
};

}  // namespace ganforge::cli
