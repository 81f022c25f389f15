#include <ganforge/runtime/thread_pool.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <ganforge/core/error.hpp>

namespace ganforge {

struct ThreadPool::Workers {
    explicit Workers(std::size_t n) : pool(n) {}
    boost::asio::thread_pool pool;
};

namespace {

// One run: its tasks are claimed one by one, by the caller and by the
// workers that join, so nobody waits for a task nobody has claimed.
struct Job {
    Job(std::size_t count, const std::function<void(std::size_t)>& task) : count(count), task(task) {}

    // Claims and runs tasks until none is left.
    void work() {
        for (std::size_t i; (i = next.fetch_add(1)) < count;) {
            try {
                task(i);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
            }
            if (done.fetch_add(1) + 1 == count) {
                const std::lock_guard lock(mutex);
                finished.notify_all();
            }
        }
    }

    const std::size_t count;
    const std::function<void(std::size_t)>& task;  // valid until every task has returned
    std::atomic<std::size_t> next{0}, done{0};
    std::mutex mutex;
    std::condition_variable finished;
    std::exception_ptr error;
};

}  // namespace

ThreadPool::ThreadPool(std::size_t threads) : threads_(threads) {
    if (threads == 0) throw Error("ThreadPool: 0 threads; give at least 1 (the calling thread)");
    if (threads > 1) workers_ = std::make_unique<Workers>(threads - 1);
}

ThreadPool::~ThreadPool() {
    if (workers_) workers_->pool.join();
}

void ThreadPool::run(std::size_t count, const std::function<void(std::size_t)>& task) {
    if (count == 0) return;
    const auto job = std::make_shared<Job>(count, task);
    // Workers that start after the last task was claimed return at once;
    // they hold the job, never the task.
    const std::size_t helpers = workers_ ? std::min(count, threads_) - 1 : 0;
    for (std::size_t h = 0; h < helpers; ++h) boost::asio::post(workers_->pool, [job] { job->work(); });
    job->work();
    std::unique_lock lock(job->mutex);
    job->finished.wait(lock, [&] { return job->done.load() == count; });
    if (job->error) std::rethrow_exception(job->error);
}

ParallelFor ThreadPool::parallel_for() {
    return {threads_, [this](std::size_t count, const std::function<void(std::size_t)>& task) { run(count, task); }};
}

}  // namespace ganforge
