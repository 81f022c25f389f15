#include <ganforge/runtime/parallel_for.hpp>

#include <algorithm>
#include <exception>
#include <mutex>

namespace ganforge {

void for_each_share(std::size_t batch, const ParallelFor& parallel,
                    const std::function<void(std::size_t first, std::size_t count)>& share) {
    const std::size_t shares = parallel.run ? std::min(batch, parallel.width) : 1;
    if (shares <= 1) {
        share(0, batch);
        return;
    }
    // Share s: images [s * batch / shares, (s + 1) * batch / shares).
    std::mutex mutex;
    std::exception_ptr error;
    parallel.run(shares, [&](std::size_t s) {
        const std::size_t first = s * batch / shares, end = (s + 1) * batch / shares;
        try {
            share(first, end - first);
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!error) error = std::current_exception();
        }
    });
    if (error) std::rethrow_exception(error);
}

void for_each_image_share(
    std::size_t batch, const ParallelFor& parallel, std::size_t macs_per_image,
    const std::function<void(std::size_t first, std::size_t count, const ParallelFor* steps)>& share) {
    if (batch == 0) return;
    std::size_t threads = parallel.run ? parallel.width : 1;
    if (parallel.grain_macs > 0 && threads > 1)
        threads = std::clamp<std::size_t>(batch * macs_per_image / parallel.grain_macs, 1, threads);
    if (threads <= 1) {
        share(0, batch, nullptr);
        return;
    }
    ParallelFor spread = parallel;
    spread.width = threads;
    const std::size_t whole = batch - batch % threads;
    if (whole > 0)
        for_each_share(whole, spread, [&](std::size_t first, std::size_t count) { share(first, count, nullptr); });
    if (whole < batch) share(whole, batch - whole, &spread);
}

}  // namespace ganforge
