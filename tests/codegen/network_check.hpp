// Checks a generated network against the interpreter (and a reference
// case's recorded output) on every SIMD path this CPU has, at several batch
// sizes, within 1e-5 * max(1, max |y|).
#pragma once

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <ganforge/codegen/isa.hpp>
#include <ganforge/ganforge.hpp>

namespace codegen_test {

// Reference-case-like weights: kernels glorot_uniform(seed); biases, beta
// and moving_mean U(-0.5, 0.5), gamma U(0.5, 1.5), moving_variance U(0.25, 1.5).
void randomize(ganforge::WeightStore& weights, std::uint64_t seed);

// n floats U(lo, hi), the same for the same seed.
std::vector<float> uniform(std::size_t n, std::uint64_t seed, float lo = -1.0f, float hi = 1.0f);

// The portable path and every path this CPU supports.
std::vector<ganforge::Isa> isas_here();

std::vector<float> read_floats(const std::filesystem::path& path);

// Every element of `got` within tolerance * max(1, max |want|) of `want`.
::testing::AssertionResult close(const std::vector<float>& want, const std::vector<float>& got,
                                 double tolerance);

// The generated network `Net` of model `M` agrees with the interpreter on
// `weights` for each batch, on every path.
template <ganforge::Model M, typename Net>
void expect_matches_interpreter(const ganforge::WeightStore& weights, std::vector<std::size_t> batches,
                                std::uint64_t seed = 1) {
    static_assert(Net::input_shape == M::input_shape && Net::output_shape == M::output_shape);
    const ganforge::InterpreterCore interpreter(weights);
    for (std::size_t batch : batches) {
        const std::vector<float> input = uniform(batch * M::input_shape.size(), seed + batch);
        std::vector<float> want(batch * M::output_shape.size());
        interpreter.predict(input, want, batch);
        for (ganforge::Isa isa : isas_here()) {
            const Net net(weights, isa);
            EXPECT_EQ(net.isa(), ganforge::isa_name(isa));
            std::vector<float> got(want.size(), std::nanf(""));
            net.predict(input, got, batch);
            EXPECT_TRUE(close(want, got, 1e-5)) << ganforge::isa_name(isa) << ", batch " << batch;
        }
    }
}

template <ganforge::Model M, typename Net>
void expect_matches_interpreter(std::vector<std::size_t> batches = {1, 7}, std::uint64_t seed = 1) {
    ganforge::Weights<M> weights;
    randomize(weights, seed);
    expect_matches_interpreter<M, Net>(weights, std::move(batches), seed);
}

// `folder` (under the shared folder) holds a reference case: model.json,
// input.bin and output.bin (output_halfpixel.bin for bilinear upsampling,
// Keras-Python's rule). The generated network reproduces it within 1e-4 *
// max(1, max |y|), as its README suggests, and the interpreter within 1e-5.
template <ganforge::Model M, typename Net>
void expect_matches_reference(const std::filesystem::path& folder) {
    const ganforge::Weights<M> weights = ganforge::load_weights<M>(folder / "model.json");
    const std::vector<float> input = read_floats(folder / "input.bin");
    const std::filesystem::path halfpixel = folder / "output_halfpixel.bin";
    const std::vector<float> recorded =
        read_floats(std::filesystem::exists(halfpixel) ? halfpixel : folder / "output.bin");
    const std::size_t batch = input.size() / M::input_shape.size();
    ASSERT_EQ(recorded.size(), batch * M::output_shape.size());
    std::vector<float> interpreted(recorded.size());
    ganforge::Interpreter<M>(weights).predict(input, interpreted, batch);
    for (ganforge::Isa isa : isas_here()) {
        std::vector<float> got(recorded.size(), std::nanf(""));
        Net(weights, isa).predict(input, got, batch);
        EXPECT_TRUE(close(recorded, got, 1e-4)) << ganforge::isa_name(isa) << " against " << folder;
        EXPECT_TRUE(close(interpreted, got, 1e-5)) << ganforge::isa_name(isa) << " against the interpreter";
    }
}

}  // namespace codegen_test
