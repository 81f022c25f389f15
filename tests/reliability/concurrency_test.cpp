// predict from 8 threads at once, thousands of times, on one network object:
// every output must be bit for bit the output of a single-threaded run of
// the same input. The threads start together and mix batch sizes, so
// different step shapes run side by side on the shared packed weights while
// each thread uses its own scratch. Run under ThreadSanitizer by
// scripts/tsan.sh. The same with the callers sharing one ThreadPool.
#include <atomic>
#include <bit>
#include <cstdint>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <ganforge/codegen/isa.hpp>
#include "examples/models.hpp"
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/runtime/thread_pool.hpp>
#include <gen_mnist_gen.hpp>
#include <gen_seed_tconv.hpp>
#include <gen_seed_upsample.hpp>

#include "engines.hpp"
#include "probe_models.hpp"
#include "reliability_probe_chain.hpp"

namespace {

constexpr int threads = 8;
constexpr std::size_t max_batch = 3;
constexpr std::size_t inputs = 5;

struct Job {
    std::size_t batch;
    std::vector<float> input, expected;
};

std::vector<float> random_input(std::size_t n, std::uint64_t seed) {
    std::vector<float> x(n);
    for (float& v : x) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        v = float(std::int64_t(seed >> 40) - (1 << 23)) / float(1 << 23);  // [-1, 1)
    }
    return x;
}

bool same_bits(std::span<const float> a, std::span<const float> b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](float x, float y) { return std::bit_cast<std::uint32_t>(x) == std::bit_cast<std::uint32_t>(y); });
}

// `net` (anything with predict(in, out, batch) const) from `threads` threads,
// `calls` calls each, against single-threaded results.
template <class Net>
void hammer(const Net& net, std::size_t in_size, std::size_t out_size, int calls) {
    std::vector<Job> jobs;
    for (std::size_t k = 0; k < inputs; ++k)
        for (std::size_t b = 1; b <= max_batch; ++b) {
            Job j{b, random_input(b * in_size, k * 10 + b), std::vector<float>(b * out_size)};
            net.predict(j.input, j.expected, b);
            jobs.push_back(std::move(j));
        }
    std::atomic<int> mismatches{0};
    std::mutex first_mutex;
    std::string first;
    std::latch start(threads);
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            std::vector<float> out(max_batch * out_size);
            start.arrive_and_wait();
            for (int i = 0; i < calls; ++i) {
                const Job& j = jobs[std::size_t(t * 7 + i) % jobs.size()];
                const std::span<float> o(out.data(), j.batch * out_size);
                net.predict(j.input, o, j.batch);
                if (!same_bits(o, j.expected) && mismatches++ == 0) {
                    const std::lock_guard lock(first_mutex);
                    first = "thread " + std::to_string(t) + ", call " + std::to_string(i) + ", batch " +
                            std::to_string(j.batch);
                }
            }
        });
    pool.clear();  // joins
    EXPECT_EQ(mismatches.load(), 0) << "first at " << first;
}

// `net` spread over a pool that the eight callers share (each call's images
// in shares over the pool's threads and the caller's).
template <class Net>
struct OnSharedPool {
    const Net& net;
    ganforge::ThreadPool& pool;
    void predict(std::span<const float> in, std::span<float> out, std::size_t batch) const {
        net.predict(in, out, batch, pool.parallel_for());
    }
};

// A generated network on every path this CPU has, called alone or spread
// over a pool of 3 threads that the callers share (a batch smaller than
// that runs its steps as a team on the pool).
template <class Net, class Model>
void hammer_generated(int calls, bool on_shared_pool = false) {
    const auto weights = reliability::probe_weights(Model::spec(), 11);
    ganforge::ThreadPool pool(on_shared_pool ? 3 : 1);
    for (const ganforge::Isa isa : ganforge::all_isas) {
        if (!ganforge::cpu_supports(isa)) continue;
        SCOPED_TRACE(std::string(ganforge::isa_name(isa)));
        const Net net(weights, isa);
        if (on_shared_pool)
            hammer(OnSharedPool<Net>{net, pool}, Model::input_shape.size(), Model::output_shape.size(), calls);
        else
            hammer(net, Model::input_shape.size(), Model::output_shape.size(), calls);
    }
}

TEST(Concurrency, GeneratedSeedUpsampleFromEightThreads) {
    hammer_generated<generated::SeedUpsampleNet, examples::SeedUpsample>(2000);
}

TEST(Concurrency, GeneratedSeedTconvFromEightThreads) {
    hammer_generated<generated::SeedTconvNet, examples::SeedTconv>(2000);
}

TEST(Concurrency, GeneratedChainFromEightThreads) {
    hammer_generated<reliability_generated::ChainNet, probes::Chain>(1000);
}

// Few calls (each is ~70 M multiply-adds), but the largest scratch.
TEST(Concurrency, GeneratedMnistGenFromEightThreads) {
    hammer_generated<generated::MnistGenNet, examples::MnistGen>(6);
}

TEST(Concurrency, InterpreterFromEightThreads) {
    const ganforge::InterpreterCore net(reliability::probe_weights(probes::Chain::spec(), 12));
    hammer(net, probes::Chain::input_shape.size(), probes::Chain::output_shape.size(), 1000);
}

TEST(Concurrency, GeneratedChainOnASharedPoolFromEightThreads) {
    hammer_generated<reliability_generated::ChainNet, probes::Chain>(500, true);
}

// Its Dense and transposed convolutions have several parts on every path.
TEST(Concurrency, GeneratedMnistGenOnASharedPoolFromEightThreads) {
    hammer_generated<generated::MnistGenNet, examples::MnistGen>(4, true);
}

TEST(Concurrency, InterpreterOnASharedPoolFromEightThreads) {
    const ganforge::InterpreterCore net(reliability::probe_weights(probes::Chain::spec(), 14));
    ganforge::ThreadPool pool(3);
    hammer(OnSharedPool<ganforge::InterpreterCore>{net, pool}, probes::Chain::input_shape.size(),
           probes::Chain::output_shape.size(), 500);
}

}  // namespace
