// What the examples print, built as text so that the tests can compare it
// with the tutorial's printed output: the input array, Keras' model.summary()
// and the prediction reshaped to 2-D, as the tutorial's Python prints them.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>
#include <ganforge/dsl/summary.hpp>
#include "examples/numpy_str.hpp"
#include <ganforge/runtime/interpreter.hpp>

namespace examples {

// The tutorial's worked examples: the 2x2 image [[1, 2], [3, 4]] (one sample,
// one channel) through a one-channel model.
template <ganforge::Model M>
std::string worked_example_output(const ganforge::Weights<M>& weights) {
    static_assert(M::input_shape == ganforge::Shape{2, 2, 1} && M::output_shape.channels() == 1,
                  "a worked example maps the 2x2 grayscale image to one 2-D array");
    const std::array<int, 4> x{1, 2, 3, 4};
    const std::vector<float> input(x.begin(), x.end());
    std::vector<float> y(M::output_shape.size());
    ganforge::Interpreter<M>(weights).predict(input, y);
    return numpy_str<int>(x, 2, 2) + "\n" + ganforge::summary<M>() +
           numpy_str<float>(y, M::output_shape[0], M::output_shape[1]) + "\n";
}

// The tutorial's generators: their summary, then one image generated from a
// latent point with Keras-like initial weights.
template <ganforge::Model M>
std::string generator_example_output(std::uint64_t seed) {
    const auto weights = ganforge::glorot_uniform<M>(seed);
    std::mt19937 rng(static_cast<std::uint32_t>(seed));
    std::normal_distribution<float> normal;
    std::vector<float> latent(M::input_shape.size()), image(M::output_shape.size());
    std::generate(latent.begin(), latent.end(), [&] { return normal(rng); });
    ganforge::Interpreter<M>(weights).predict(latent, image);
    const auto [lo, hi] = std::minmax_element(image.begin(), image.end());
    return ganforge::summary<M>() +
           fmt::format("One image {} from a latent point of {} values (glorot_uniform weights, "
                       "seed {}): values in [{:.4f}, {:.4f}]\n",
                       M::output_shape, M::input_shape.size(), seed, *lo, *hi);
}

}  // namespace examples
