// ganforge::ThreadPool and ParallelFor: every task once, the
// caller taking part, exceptions after every task, callers sharing a pool;
// the batch's shares; and the interpreter spread over a pool or a caller's
// own threads giving its one-thread output bit for bit.
#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <cstring>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "examples/models.hpp"
#include <ganforge/ganforge.hpp>

namespace {

namespace gf = ganforge;

TEST(ThreadPool, RunsEveryTaskOnceWithTheCallerTakingPart) {
    for (const std::size_t threads : {1u, 2u, 4u}) {
        for (const std::size_t count : {0u, 1u, 3u, 100u}) {
            gf::ThreadPool pool(threads);
            EXPECT_EQ(pool.size(), threads);
            std::vector<std::atomic<int>> runs(count);
            std::mutex mutex;
            std::set<std::thread::id> ran_on;
            pool.run(count, [&](std::size_t i) {
                ++runs[i];
                const std::lock_guard lock(mutex);
                ran_on.insert(std::this_thread::get_id());
            });
            for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(runs[i], 1) << "task " << i;
            EXPECT_LE(ran_on.size(), threads);
            if (threads == 1 && count > 0) {
                EXPECT_EQ(ran_on, std::set{std::this_thread::get_id()});
            }
        }
    }
}

TEST(ThreadPool, RethrowsTheFirstExceptionOnceEveryTaskHasReturned) {
    gf::ThreadPool pool(3);
    std::atomic<int> returned{0};
    EXPECT_THROW(pool.run(20,
                          [&](std::size_t i) {
                              ++returned;
                              if (i % 7 == 3) throw std::runtime_error("task failed");
                          }),
                 std::runtime_error);
    EXPECT_EQ(returned, 20);
    std::atomic<int> after{0};
    pool.run(5, [&](std::size_t) { ++after; });  // the pool still works
    EXPECT_EQ(after, 5);
}

TEST(ThreadPool, ZeroThreadsIsAnError) { EXPECT_THROW(gf::ThreadPool(0), gf::Error); }

// Eight callers with one two-thread pool: each call finishes, with its own results.
TEST(ThreadPool, CallersShareOnePool) {
    gf::ThreadPool pool(2);
    std::vector<std::vector<std::size_t>> results(8, std::vector<std::size_t>(50, 0));
    std::vector<std::thread> callers;
    for (std::size_t c = 0; c < results.size(); ++c)
        callers.emplace_back([&, c] {
            for (int round = 0; round < 20; ++round) pool.run(50, [&, c](std::size_t i) { results[c][i] += i + c; });
        });
    for (std::thread& t : callers) t.join();
    for (std::size_t c = 0; c < results.size(); ++c)
        for (std::size_t i = 0; i < 50; ++i) EXPECT_EQ(results[c][i], 20 * (i + c));
}

TEST(ForEachShare, ContiguousSharesAsEqualAsCanBe) {
    gf::ThreadPool pool(3);
    for (const std::size_t batch : {1u, 2u, 3u, 7u, 16u}) {
        std::mutex mutex;
        std::vector<std::pair<std::size_t, std::size_t>> shares;
        gf::for_each_share(batch, pool.parallel_for(), [&](std::size_t first, std::size_t count) {
            const std::lock_guard lock(mutex);
            shares.emplace_back(first, count);
        });
        std::sort(shares.begin(), shares.end());
        ASSERT_EQ(shares.size(), std::min<std::size_t>(batch, 3)) << "batch " << batch;
        std::size_t next = 0;
        for (const auto& [first, count] : shares) {
            EXPECT_EQ(first, next);
            EXPECT_GE(count, batch / shares.size());
            EXPECT_LE(count, batch / shares.size() + 1);
            next = first + count;
        }
        EXPECT_EQ(next, batch);
    }
    // No threads: the whole batch here.
    std::size_t seen = 0;
    gf::for_each_share(5, gf::ParallelFor{}, [&](std::size_t first, std::size_t count) { seen += first + count; });
    EXPECT_EQ(seen, 5u);
    EXPECT_THROW(gf::for_each_share(4, pool.parallel_for(),
                                    [](std::size_t first, std::size_t) {
                                        if (first > 0) throw gf::Error("share failed");
                                    }),
                 gf::Error);
}

// A generated network's predict: whole-image shares for the images that
// divide evenly over the threads, then the rest together with its steps
// spread; a call too small for several threads stays on the calling one.
using Share = std::tuple<std::size_t, std::size_t, std::size_t>;  // first, count, threads its steps spread over

std::vector<Share> shares_of(std::size_t batch, const gf::ParallelFor& p, std::size_t macs_per_image = 1) {
    std::mutex mutex;
    std::vector<Share> shares;
    gf::for_each_image_share(batch, p, macs_per_image,
                             [&](std::size_t first, std::size_t count, const gf::ParallelFor* steps) {
                                 const std::lock_guard lock(mutex);
                                 shares.emplace_back(first, count, steps ? steps->width : 0);
                             });
    std::sort(shares.begin(), shares.end());
    return shares;
}

TEST(ForEachImageShare, WholeImagesPerThreadThenTheRestStepByStep) {
    gf::ThreadPool pool(3);
    gf::ParallelFor parallel = pool.parallel_for();
    parallel.grain_macs = 0;  // whatever the size
    EXPECT_EQ(shares_of(1, parallel), (std::vector<Share>{{0, 1, 3}}));
    EXPECT_EQ(shares_of(2, parallel), (std::vector<Share>{{0, 2, 3}}));
    EXPECT_EQ(shares_of(3, parallel), (std::vector<Share>{{0, 1, 0}, {1, 1, 0}, {2, 1, 0}}));
    EXPECT_EQ(shares_of(8, parallel), (std::vector<Share>{{0, 2, 0}, {2, 2, 0}, {4, 2, 0}, {6, 2, 3}}));
    EXPECT_EQ(shares_of(0, parallel), std::vector<Share>{});
    // No threads, or one: the whole batch, steps whole.
    EXPECT_EQ(shares_of(5, gf::ParallelFor{}), (std::vector<Share>{{0, 5, 0}}));
    EXPECT_EQ(shares_of(5, gf::ParallelFor{1, parallel.run}), (std::vector<Share>{{0, 5, 0}}));
}

TEST(ForEachImageShare, ASmallCallGetsOneThreadPerGrainOfItsWork) {
    gf::ThreadPool pool(3);
    const gf::ParallelFor parallel = pool.parallel_for();  // the default grain
    constexpr std::size_t grain = gf::default_grain_macs;
    EXPECT_EQ(parallel.grain_macs, grain);
    // Less than two grains in all: the calling thread alone, whatever the batch.
    EXPECT_EQ(shares_of(1, parallel, grain), (std::vector<Share>{{0, 1, 0}}));
    EXPECT_EQ(shares_of(16, parallel, grain / 16), (std::vector<Share>{{0, 16, 0}}));
    // Two grains: two threads of the three.
    EXPECT_EQ(shares_of(1, parallel, 2 * grain), (std::vector<Share>{{0, 1, 2}}));
    EXPECT_EQ(shares_of(4, parallel, grain / 2), (std::vector<Share>{{0, 2, 0}, {2, 2, 0}}));
    // Enough for every thread.
    EXPECT_EQ(shares_of(3, parallel, 10 * grain), (std::vector<Share>{{0, 1, 0}, {1, 1, 0}, {2, 1, 0}}));
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// The interpreter on a pool, and on a caller's ParallelFor that starts a
// thread per task: its one-thread output, bit for bit.
TEST(InterpreterThreads, SpreadOverThreadsGivesTheOneThreadOutput) {
    gf::Weights<examples::MnistGen> weights;
    gf::fill_glorot_uniform(weights, 7);
    const gf::Interpreter<examples::MnistGen> net(weights);
    gf::ThreadPool pool(3);
    const gf::ParallelFor own{4, [](std::size_t count, const std::function<void(std::size_t)>& task) {
                                  std::vector<std::thread> threads;
                                  for (std::size_t i = 0; i < count; ++i) threads.emplace_back(task, i);
                                  for (std::thread& t : threads) t.join();
                              }};
    for (const std::size_t batch : {1u, 2u, 5u}) {
        std::vector<float> in(batch * examples::MnistGen::input_shape.size());
        for (std::size_t i = 0; i < in.size(); ++i) in[i] = float(i % 13) * 0.1f - 0.6f;
        const std::size_t out_size = batch * examples::MnistGen::output_shape.size();
        std::vector<float> one(out_size), pooled(out_size), owned(out_size);
        net.predict(in, one, batch);
        net.predict(in, pooled, batch, pool);
        net.predict(in, owned, batch, own);
        EXPECT_TRUE(same_bits(one, pooled)) << "batch " << batch;
        EXPECT_TRUE(same_bits(one, owned)) << "batch " << batch;
    }
    std::vector<float> in(examples::MnistGen::input_shape.size()), out(3);
    EXPECT_THROW(net.predict(in, out, 1, pool), gf::Error);  // sizes checked before any share runs
}

}  // namespace
