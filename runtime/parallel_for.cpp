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
    std::size_t batch, const ParallelFor& parallel,
    const std::function<void(std::size_t first, std::size_t count, const ParallelFor* steps)>& share) {
    const std::size_t width = parallel.run ? parallel.width : 1;
    const std::size_t whole = width > 1 ? batch - batch % width : batch;
    if (whole > 0)
        for_each_share(whole, parallel, [&](std::size_t first, std::size_t count) { share(first, count, nullptr); });
    if (whole < batch) share(whole, batch - whole, &parallel);
}

}  // namespace ganforge
