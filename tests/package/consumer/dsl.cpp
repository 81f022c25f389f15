// Declares a model with the DSL alone and prints its summary; exits non-zero
// when the summary does not end with the parameter count the type computes.
#include <string>

#include <fmt/core.h>

#include <ganforge/dsl.hpp>

namespace gf = ganforge;

using Model = gf::Sequential<gf::Input{{100}}, gf::Dense{.units = 128 * 5 * 5}, gf::Reshape{{5, 5, 128}},
                             gf::UpSampling2D{},
                             gf::Conv2D{.filters = 1, .kernel_size = {3, 3}, .padding = gf::Padding::same}>;
static_assert(Model::output_shape == gf::Shape{10, 10, 1});
static_assert(Model::param_count == 324'353);

int main() {
    const std::string summary = gf::summary<Model>();
    fmt::print("{}", summary);
    if (summary.find("Total params: 324,353") == std::string::npos) {
        fmt::print(stderr, "consumer: the summary does not count 324,353 parameters\n");
        return 1;
    }
    fmt::print("consumer: the DSL alone declares and summarises a model\n");
}
