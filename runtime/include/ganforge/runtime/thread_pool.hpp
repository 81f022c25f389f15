// ganforge::ThreadPool: threads for predict to spread a call over:
// `ThreadPool pool(n); net.predict(input, output, batch, pool);`.
// The calling thread is one of the n, so n - 1 workers are started, once,
// when the pool is made. Several threads may call predict with one pool at
// once: each caller works on its own call's tasks while the workers help
// whichever call posted first, so no call waits for idle threads and the
// pool never runs more than its workers plus the callers.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include <ganforge/runtime/parallel_for.hpp>

namespace ganforge {

class ThreadPool {
public:
    // `threads` at once (at least 1, else a ganforge::Error): this thread and
    // threads - 1 workers.
    explicit ThreadPool(std::size_t threads);
    ~ThreadPool();  // waits for the workers to finish what they run
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    std::size_t size() const { return threads_; }

    // ParallelFor::run on this pool: task(0) ... task(count - 1), the calling
    // thread taking part; returns when all have returned, rethrowing the
    // first exception a task threw.
    void run(std::size_t count, const std::function<void(std::size_t)>& task);

    // This pool as a ParallelFor (it refers to the pool, which must outlive it).
    ParallelFor parallel_for();

private:
    struct Workers;
    std::size_t threads_;
    std::unique_ptr<Workers> workers_;
};

}  // namespace ganforge
