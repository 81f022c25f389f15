// How one predict call is spread over threads: a ParallelFor runs tasks at
// once on whatever threads it has. ganforge's own ThreadPool is one
// (thread_pool.hpp); a caller with a pool of its own (TBB, OpenMP, an event
// loop's workers) writes one around it, so that no thread is started behind
// its back.
#pragma once

#include <cstddef>
#include <functional>

namespace ganforge {

// A thread that waits for work starts a task some tens of microseconds after
// it is posted, as long as a small model's whole call: a generated network
// spreads a call over no more threads than it has this many multiply-adds
// for (2 M: tens of microseconds of one core's work, about what waking a
// thread costs), so a small call runs on the calling thread alone.
inline constexpr std::size_t default_grain_macs = 2'000'000;

struct ParallelFor {
    // How many tasks it runs at once: predict makes at most this many.
    std::size_t width = 1;
    // Calls task(0), ..., task(count - 1), any number of them at the same
    // time on any threads, and returns when all have returned. The tasks
    // ganforge hands it never throw.
    std::function<void(std::size_t count, const std::function<void(std::size_t)>& task)> run;
    // The least multiply-adds worth a thread of their own; 0 spreads a call
    // over the whole width whatever its size.
    std::size_t grain_macs = default_grain_macs;
};

// The images [0, batch) in at most parallel.width contiguous shares, as
// equal as can be, each a task of `parallel` calling share(first, count).
// With no `run`, a width of 1 or one image, share(0, batch) on this thread.
// An exception a share throws is rethrown here once every share has
// returned (the first one, if several throw).
void for_each_share(std::size_t batch, const ParallelFor& parallel,
                    const std::function<void(std::size_t first, std::size_t count)>& share);

// How a generated network's predict spreads `batch` images of
// `macs_per_image` multiply-adds over `parallel`: over t threads, the width
// or fewer, one per parallel.grain_macs of the call's multiply-adds (at least
// one). The most images that divide evenly over t run as t shares of whole
// images, one thread each (share(first, count, nullptr)); the rest, fewer
// than t (a batch of one, say), run together with the work of each of their
// steps spread over t threads (share(first, count, steps), steps a
// ParallelFor of width t). On one thread: share(0, batch, nullptr), on the
// calling thread. Exceptions as in for_each_share.
void for_each_image_share(
    std::size_t batch, const ParallelFor& parallel, std::size_t macs_per_image,
    const std::function<void(std::size_t first, std::size_t count, const ParallelFor* steps)>& share);

}  // namespace ganforge
