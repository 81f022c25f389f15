// Runs the network ganforge_add_model generated on glorot_uniform weights,
// checks its output is tanh's (in (-1, 1), not all zero) and that a wrong
// size is a ganforge::Error; exits non-zero otherwise.
#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/core.h>

#include <consumer_net.hpp>
#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_format.hpp>
#include <ganforge/runtime/weights.hpp>

#include "model.hpp"

int main() {
    const consumer_generated::Net net(ganforge::glorot_uniform<consumer::Model>(7));
    std::vector<float> z(8 * 2), image(8 * 8 * 2 * 2);
    for (std::size_t i = 0; i < z.size(); ++i) z[i] = float(i % 5) - 2.0f;
    net.predict(z, image, 2);
    const bool in_range = std::all_of(image.begin(), image.end(), [](float v) { return std::abs(v) < 1.0f; });
    const bool any = std::any_of(image.begin(), image.end(), [](float v) { return v != 0.0f; });
    if (!in_range || !any) {
        fmt::print(stderr, "consumer: the generated network's output is not tanh's\n");
        return 1;
    }
    try {
        net.predict(std::vector<float>(3), image);
        fmt::print(stderr, "consumer: a wrong input size did not throw\n");
        return 1;
    } catch (const ganforge::Error&) {
    }
    fmt::print("consumer: generated network on the {} path, {} -> {}\n", net.isa(), consumer::Model::input_shape,
               consumer::Model::output_shape);
}
