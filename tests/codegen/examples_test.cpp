// The example models as generated/CMakeLists.txt generates them with
// ganforge_add_model: against the interpreter on every SIMD path (batches
// that fill, split and overrun a chunk), the per-step profile, the checks on
// their arguments, GANFORGE_ISA, and many threads on one network.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <span>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <ganforge/codegen/support/network_support.hpp>
#include "examples/models.hpp"

#include "gen_cgan_mnist.hpp"
#include "gen_cifar_gen.hpp"
#include "gen_dcgan64.hpp"
#include "gen_mnist_gen.hpp"
#include "gen_pix2pix256.hpp"
#include "gen_seed_tconv.hpp"
#include "gen_seed_upsample.hpp"
#include "network_check.hpp"

namespace {

using codegen_test::expect_matches_interpreter;
using codegen_test::expect_matches_interpreter_at_other_sizes;

TEST(GeneratedExample, SeedUpsample) {
    expect_matches_interpreter<examples::SeedUpsample, generated::SeedUpsampleNet>({1, 7, 40});
}
TEST(GeneratedExample, SeedTconv) {
    expect_matches_interpreter<examples::SeedTconv, generated::SeedTconvNet>({1, 7, 40});
}
TEST(GeneratedExample, MnistGen) {
    expect_matches_interpreter<examples::MnistGen, generated::MnistGenNet>({1, 7, 17});
}
TEST(GeneratedExample, CifarGen) {
    expect_matches_interpreter<examples::CifarGen, generated::CifarGenNet>({1, 7, 17});
}
TEST(GeneratedExample, Dcgan64) {
    expect_matches_interpreter<examples::Dcgan64, generated::Dcgan64Net>({1, 3});
}
TEST(GeneratedExample, CganMnist) {
    expect_matches_interpreter<examples::CganMnist, generated::CganMnistNet>({1, 7, 17});
}
TEST(GeneratedExample, Pix2Pix256) {  // 12 GFLOP an image: the interpreter takes seconds
    expect_matches_interpreter<examples::Pix2Pix256, generated::Pix2Pix256Net>({1, 2});
    // At 512x256, where its innermost tensor is 2x1 (1x1 as declared).
    expect_matches_interpreter_at_other_sizes<examples::Pix2Pix256, generated::Pix2Pix256Net>({1});
}

// Running the steps one by one with run_step gives predict's output exactly.
template <ganforge::Model M, typename Net>
void expect_steps_compose(std::size_t batch) {
    ganforge::Weights<M> w;
    codegen_test::randomize(w, 9);
    const Net net(w);
    std::size_t in_size = Net::input_shape.size(), macs = 0;
    std::vector<float> x = codegen_test::uniform(batch * in_size, 3);
    std::vector<float> whole(batch * Net::output_shape.size());
    net.predict(x, whole, batch);
    for (std::size_t s = 0; s < Net::step_count; ++s) {
        EXPECT_EQ(Net::step_input_sizes[s], in_size) << Net::step_names[s];
        EXPECT_FALSE(Net::step_names[s].empty());
        std::vector<float> y(batch * Net::step_output_sizes[s]);
        net.run_step(s, x.data(), y.data(), batch);
        x = std::move(y);
        in_size = Net::step_output_sizes[s];
        macs += Net::step_macs[s];
    }
    EXPECT_EQ(in_size, Net::output_shape.size());
    EXPECT_GT(macs, 0u);
    EXPECT_EQ(x, whole);
    EXPECT_THROW(net.run_step(Net::step_count, x.data(), x.data(), 1), ganforge::Error);
}

TEST(GeneratedExample, StepsComposeToPredict) {
    expect_steps_compose<examples::MnistGen, generated::MnistGenNet>(3);
    expect_steps_compose<examples::CifarGen, generated::CifarGenNet>(2);
    expect_steps_compose<examples::Dcgan64, generated::Dcgan64Net>(1);
}

TEST(GeneratedExample, StepProfileNamesTheFusedLayers) {
    using Net = generated::MnistGenNet;
    ASSERT_EQ(Net::step_count, 4u);  // Dense, two Conv2DTranspose, Conv2D: every LeakyReLU fused
    EXPECT_EQ(Net::step_names[1],
              "conv2d_transpose_1: Conv2DTranspose 7x7x128 -> 14x14x128 (4 phases) + LeakyReLU(0.2)");
    // Inserted zeros are not multiplied: 4x4 taps per input pixel, fewer at the borders.
    EXPECT_LT(Net::step_macs[1], 7u * 7 * 16 * 128 * 128);
    EXPECT_GT(Net::step_macs[1], 7u * 7 * 9 * 128 * 128);
    // Dcgan64: every BatchNormalization folded into the layer before it; one copy spreads the first
    // convolution's input pixels.
    EXPECT_EQ(generated::Dcgan64Net::step_count, 6u);
}

TEST(GeneratedExample, RefusesWeightsOfAnotherModel) {
    const auto cifar = ganforge::glorot_uniform<examples::CifarGen>(1);
    EXPECT_THROW(generated::MnistGenNet{cifar}, ganforge::Error);
    using Other = ganforge::Sequential<ganforge::Input{{100}}, ganforge::Dense{.units = 128 * 5 * 5},
                                       ganforge::Reshape{{5, 5, 128}}, ganforge::UpSampling2D{},
                                       ganforge::Conv2D{.filters = 1, .kernel_size = {3, 3}}>;  // 'valid'
    try {
        generated::SeedUpsampleNet net(ganforge::glorot_uniform<Other>(1));
        ADD_FAILURE() << "accepted weights of another model";
    } catch (const ganforge::Error& e) {
        EXPECT_NE(std::string(e.what()).find("layer 4 (conv2d_1)"), std::string::npos) << e.what();
    }
}

// What the ganforge::Error that `f` throws says ("" if it throws none).
template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const ganforge::Error& e) {
        return e.what();
    }
    return "";
}

// Every predict overload checks its spans and names the one that is wrong.
TEST(GeneratedExample, RefusesWrongSizes) {
    const generated::SeedUpsampleNet net(ganforge::glorot_uniform<examples::SeedUpsample>(1));
    std::vector<float> in(200), out(200);
    const std::span<const float> x(in);
    ganforge::ThreadPool pool(2);
    const std::string name = "generated::SeedUpsampleNet::predict: ";
    EXPECT_EQ(error_of([&] { net.predict(in, out, 1); }), name + "input holds 200 floats, batch 1 of 100 needs 100");
    EXPECT_EQ(error_of([&] { net.predict(x.first(100), out, 2); }),
              name + "input holds 100 floats, batch 2 of 100 needs 200");
    EXPECT_EQ(error_of([&] { net.predict({x}, out, 1, pool); }),
              name + "input holds 200 floats, batch 1 of 100 needs 100");
    EXPECT_EQ(error_of([&] { net.predict(x, std::span<float>(out).first(100), 2, pool.parallel_for()); }),
              name + "output holds 100 floats, batch 2 of 100 needs 200");
    EXPECT_EQ(error_of([&] { net.predict({x, x}, out, 2); }), name + "2 input spans given, the model has 1 input");
    EXPECT_NO_THROW(net.predict(in, out, 2));
    EXPECT_NO_THROW(net.predict({x}, out, 2, pool));
}

TEST(GeneratedExample, RefusesWrongSizesOfSeveralInputs) {
    using Net = generated::CganMnistNet;
    const Net net(ganforge::glorot_uniform<examples::CganMnist>(1));
    const std::vector<float> latent(200), labels(2);
    std::vector<float> out(2 * Net::output_shape.size());
    ganforge::ThreadPool pool(2);
    const std::string name = "generated::CganMnistNet::predict: ";
    EXPECT_EQ(error_of([&] { net.predict({latent, labels}, out, 1); }),
              name + "input 0 holds 200 floats, batch 1 of 100 needs 100");
    EXPECT_EQ(error_of([&] { net.predict({latent, std::span(labels).first(1)}, out, 2, pool); }),
              name + "input 1 holds 1 floats, batch 2 of 1 needs 2");
    EXPECT_EQ(error_of([&] { net.predict({latent}, out, 2); }), name + "1 input spans given, the model has 2 inputs");
    EXPECT_EQ(error_of([&] { net.predict({latent, labels}, std::span(out).first(784), 2); }),
              name + "output holds 784 floats, batch 2 of 784 needs 1568");
    EXPECT_NO_THROW(net.predict({latent, labels}, out, 2, pool));
}

class IsaEnvironment : public ::testing::Test {
protected:
    void TearDown() override { unsetenv("GANFORGE_ISA"); }
};

TEST_F(IsaEnvironment, ForcesThePathItNames) {
    const auto w = ganforge::glorot_uniform<examples::SeedTconv>(1);
    for (ganforge::Isa isa : codegen_test::isas_here()) {
        setenv("GANFORGE_ISA", std::string(ganforge::isa_name(isa)).c_str(), 1);
        EXPECT_EQ(generated::SeedTconvNet(w).isa(), ganforge::isa_name(isa));
    }
    unsetenv("GANFORGE_ISA");
    EXPECT_EQ(generated::SeedTconvNet(w).isa(), ganforge::isa_name(codegen_test::isas_here().back()));
}

TEST_F(IsaEnvironment, UnknownOrUnsupportedIsAnError) {
    const auto w = ganforge::glorot_uniform<examples::SeedTconv>(1);
    for (const char* bad : {"sse9", "AVX512", "avx-512", " portable"}) {
        setenv("GANFORGE_ISA", bad, 1);
        EXPECT_THROW(generated::SeedTconvNet{w}, ganforge::Error) << bad;
    }
    for (ganforge::Isa isa : {ganforge::Isa::avx2, ganforge::Isa::avx512})
        if (!ganforge::cpu_supports(isa)) {
            setenv("GANFORGE_ISA", std::string(ganforge::isa_name(isa)).c_str(), 1);
            EXPECT_THROW(generated::SeedTconvNet{w}, ganforge::Error);
            EXPECT_THROW(generated::SeedTconvNet(w, isa), ganforge::Error);
        }
}

// One image on a caller's ParallelFor of width 2: its steps run as one team
// of two tasks (one run for the whole image, not one per step), and the
// output is the one-thread one bit for bit, whether the tasks run at once (a
// thread each) or one after the other.
TEST(GeneratedExample, OneImageSpreadsItsStepsOverTheCallersThreads) {
    using Net = generated::MnistGenNet;
    const auto weights = ganforge::glorot_uniform<examples::MnistGen>(5);
    std::atomic<std::size_t> calls = 0, tasks = 0;
    const ganforge::ParallelFor at_once{2, [&](std::size_t count, const std::function<void(std::size_t)>& task) {
                                            ++calls;
                                            std::vector<std::jthread> threads;
                                            for (std::size_t i = 0; i < count; ++i)
                                                threads.emplace_back([&, i] {
                                                    ++tasks;
                                                    task(i);
                                                });
                                        }};
    const ganforge::ParallelFor in_turn{2, [](std::size_t count, const std::function<void(std::size_t)>& task) {
                                            for (std::size_t i = 0; i < count; ++i) task(i);
                                        }};
    const std::vector<float> input = codegen_test::uniform(Net::input_shape.size(), 7);
    for (const ganforge::Isa isa : codegen_test::isas_here()) {
        const Net net(weights, isa);
        std::vector<float> alone(Net::output_shape.size()), spread(Net::output_shape.size(), std::nanf("")),
            serial(Net::output_shape.size(), std::nanf(""));
        net.predict(input, alone, 1);
        calls = 0;
        tasks = 0;
        net.predict(input, spread, 1, at_once);
        EXPECT_EQ(calls, 1u) << ganforge::isa_name(isa);
        EXPECT_EQ(tasks, 2u) << ganforge::isa_name(isa);
        EXPECT_TRUE(codegen_test::bitwise_equal(alone, spread)) << ganforge::isa_name(isa);
        net.predict(input, serial, 1, in_turn);
        EXPECT_TRUE(codegen_test::bitwise_equal(alone, serial)) << ganforge::isa_name(isa);
    }
}

// A call with too little work for a second thread (the tutorial's generator,
// 16 images) runs on the calling thread: no task is posted. Its steps can be
// spread all the same when the caller asks for it (a grain of 0).
TEST(GeneratedExample, ASmallCallStaysOnTheCallingThread) {
    using Net = generated::SeedUpsampleNet;
    const Net net(ganforge::glorot_uniform<examples::SeedUpsample>(3));
    std::atomic<std::size_t> calls = 0;
    ganforge::ParallelFor counted{2, [&](std::size_t count, const std::function<void(std::size_t)>& task) {
                                      ++calls;
                                      for (std::size_t i = 0; i < count; ++i) task(i);
                                  }};
    const std::vector<float> input = codegen_test::uniform(16 * Net::input_shape.size(), 4);
    std::vector<float> alone(16 * Net::output_shape.size()), output(alone.size());
    net.predict(input, alone, 16);
    net.predict(input, output, 16, counted);
    EXPECT_EQ(calls, 0u);
    EXPECT_TRUE(codegen_test::bitwise_equal(alone, output));
    counted.grain_macs = 0;
    net.predict(input, output, 16, counted);
    EXPECT_EQ(calls, 1u);
    EXPECT_TRUE(codegen_test::bitwise_equal(alone, output));
}

// A label outside the Embedding's range, in an image whose steps are spread
// over a pool: the same error as on one thread, and the pool still works.
TEST(GeneratedExample, AnErrorInASpreadStepReachesTheCaller) {
    using Net = generated::CganMnistNet;
    const Net net(ganforge::glorot_uniform<examples::CganMnist>(6));
    const std::vector<float> latent = codegen_test::uniform(100, 8);
    std::vector<float> output(Net::output_shape.size());
    ganforge::ThreadPool pool(2);
    for (const float label : {10.0f, -1.0f}) {
        const std::vector<float> labels{label};
        EXPECT_THROW(net.predict({latent, labels}, output, 1), ganforge::Error);
        EXPECT_THROW(net.predict({latent, labels}, output, 1, pool), ganforge::Error);
    }
    const std::vector<float> good{3.0f};
    std::vector<float> alone(output.size());
    net.predict({latent, good}, alone, 1);
    net.predict({latent, good}, output, 1, pool);
    EXPECT_TRUE(codegen_test::bitwise_equal(alone, output));
}

// One network, eight threads predicting at once: each gets exactly what one
// thread alone gets.
TEST(GeneratedExample, ManyThreadsOnOneNetwork) {
    const generated::CifarGenNet net(ganforge::glorot_uniform<examples::CifarGen>(4));
    constexpr int threads = 8;
    constexpr std::size_t batch = 3;
    const std::size_t out_size = batch * generated::CifarGenNet::output_shape.size();
    std::vector<std::vector<float>> inputs, alone;
    for (int t = 0; t < threads; ++t) {
        inputs.push_back(codegen_test::uniform(batch * 100, 100 + std::uint64_t(t)));
        alone.emplace_back(out_size);
        net.predict(inputs.back(), alone.back(), batch);
    }
    std::vector<std::vector<float>> together(threads, std::vector<float>(out_size));
    std::vector<int> mismatches(threads, 0);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int round = 0; round < 5; ++round) {
                net.predict(inputs[std::size_t(t)], together[std::size_t(t)], batch);
                mismatches[std::size_t(t)] += together[std::size_t(t)] != alone[std::size_t(t)];
            }
        });
    for (std::thread& t : pool) t.join();
    for (int t = 0; t < threads; ++t) EXPECT_EQ(mismatches[std::size_t(t)], 0) << "thread " << t;
}

// Packed weights and arenas of 4 MiB or more start on a 2 MiB boundary, so
// that Linux can back them with huge pages; smaller ones on a cache line.
// Both are zero-filled.
TEST(GeneratedExample, LargeBuffersStartOnAHugePageBoundary) {
    namespace support = ganforge::codegen::support;
    const support::AlignedFloats large(std::size_t(1) << 20), small(1000);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(large.data()) % (std::size_t(2) << 20), 0u);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(small.data()) % 64, 0u);
    EXPECT_TRUE(std::all_of(large.data(), large.data() + large.size(), [](float v) { return v == 0.0f; }));
    EXPECT_TRUE(std::all_of(small.data(), small.data() + small.size(), [](float v) { return v == 0.0f; }));
}

}  // namespace
