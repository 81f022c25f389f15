// Multiply-adds per image: every tap against the published counts,
// and only the taps inside the output (the counters' count) worked out by hand.
#include <gtest/gtest.h>

#include "bench/bench_models.hpp"
#include "bench/model_macs.hpp"

namespace ganforge::bench {
namespace {

std::uint64_t macs(std::string_view model, TransposedTaps taps) {
    for (const BenchModel& m : bench_models)
        if (m.name == model) return model_macs(m.spec(), taps);
    ADD_FAILURE() << "no bench model " << model;
    return 0;
}

// The published counts include every tap of a transposed convolution.
TEST(ModelMacs, AllTapsMatchPeersMd) {
    constexpr auto all = TransposedTaps::all;
    EXPECT_EQ(macs("seed_upsample", all), 435'200u);  // Dense 100x3200 + the 10x10 conv as declared
    EXPECT_EQ(macs("seed_tconv", all), 348'800u);     // Dense + 5x5 inputs x 3x3 taps x 128
    EXPECT_NEAR(double(macs("mnist_gen", all)), 69.8e6, 0.05e6);
    EXPECT_NEAR(double(macs("cifar_gen", all)), 96.2e6, 0.05e6);
    EXPECT_NEAR(double(macs("dcgan64", all)), 640.6e6, 0.05e6);
}

TEST(ModelMacs, OnlyTapsInsideTheOutput) {
    // k3 s2 'same' crops nothing at the start and the last tap of the last
    // input row/column: 14 of 15 taps per axis land inside the 10x10 output.
    EXPECT_EQ(macs("seed_tconv", TransposedTaps::inside_output), 320'000u + 14u * 14u * 128u);
    // k5 s2 'same' crops 1 tap at the start and 2 at the end per axis: 4 -> 8
    // keeps 17 of 20 taps, 8 -> 16 37 of 40, 16 -> 32 77 of 80, 32 -> 64 157 of 160.
    EXPECT_EQ(macs("dcgan64", TransposedTaps::inside_output),
              1'638'400u + 17u * 17u * 1024u * 512u + 37u * 37u * 512u * 256u + 77u * 77u * 256u * 128u +
                  157u * 157u * 128u * 3u);
    // Upsampling models have no transposed convolution: both counts agree.
    EXPECT_EQ(macs("seed_upsample", TransposedTaps::inside_output), macs("seed_upsample", TransposedTaps::all));
    EXPECT_EQ(model_macs(examples::Dcgan64::spec()), macs("dcgan64", TransposedTaps::inside_output));  // the default
}

}  // namespace
}  // namespace ganforge::bench
