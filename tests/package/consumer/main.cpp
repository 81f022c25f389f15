// Declares the tutorial's Conv2DTranspose model, prints its summary and runs
// the interpreter on [[1, 2], [3, 4]]; exits non-zero on a wrong result.
#include <vector>

#include <fmt/core.h>

#include <ganforge/core/shape_format.hpp>
#include <ganforge/ganforge.hpp>

namespace gf = ganforge;

using Model = gf::Sequential<gf::Input{{2, 2, 1}},
                             gf::Conv2DTranspose{.filters = 1, .kernel_size = {1, 1}, .strides = {2, 2}}>;
static_assert(Model::output_shape == gf::Shape{4, 4, 1});
static_assert(Model::param_count == 2);

int main() {
    fmt::print("{}", gf::summary<Model>());
    gf::Weights<Model> weights;
    weights.set_weights({{1.0f}, {0.0f}});
    const std::vector<float> x{1, 2, 3, 4};
    std::vector<float> y(Model::output_shape.size());
    gf::Interpreter<Model>(weights).predict(x, y);
    const std::vector<float> expected{1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0};
    if (y != expected) {
        fmt::print(stderr, "consumer: wrong output {}\n", fmt::join(y, ", "));
        return 1;
    }
    try {
        std::vector<float> too_small(3);
        gf::Interpreter<Model>(weights).predict(too_small, y);
        fmt::print(stderr, "consumer: a wrong input size did not throw\n");
        return 1;
    } catch (const gf::Error&) {
    }
    fmt::print("consumer: {} -> {} as the tutorial prints it\n", Model::input_shape, Model::output_shape);
}
