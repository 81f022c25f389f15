// Declares the tutorial's Conv2DTranspose model, prints its summary, runs
// the interpreter on [[1, 2], [3, 4]] and reads the same model from a Keras
// JSON file; exits non-zero on a wrong result.
#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/core.h>

#include <ganforge/core/shape_format.hpp>
#include <ganforge/ganforge.hpp>
#include <ganforge/readers/model_file.hpp>

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
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "ganforge_consumer_model.json";
    std::ofstream(file) << R"({"class_name": "Sequential", "config": {"name": "tutorial", "layers": [
        {"class_name": "Conv2DTranspose", "config": {"name": "conv2d_transpose", "batch_input_shape": [null, 2, 2, 1],
         "filters": 1, "kernel_size": [1, 1], "strides": [2, 2]}}]}})";
    const gf::KerasModel read = gf::read_model_config(file);
    std::filesystem::remove(file);
    if (read.spec.layers.size() != 1 || read.spec.layers[0].output_shape != Model::output_shape) {
        fmt::print(stderr, "consumer: the Keras JSON reads as another model\n");
        return 1;
    }
    fmt::print("consumer: {} -> {} as the tutorial prints it, declared and read\n", Model::input_shape,
               Model::output_shape);
}
