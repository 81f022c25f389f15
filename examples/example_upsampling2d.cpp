// The tutorial's worked example of UpSampling2D(): the 2x2 image's rows and
// columns doubled (nearest), no weights.
#include <fmt/core.h>

#include "examples/models.hpp"
#include "examples/tutorial_output.hpp"

int main() {
    fmt::print("{}", examples::worked_example_output(ganforge::Weights<examples::Upsample2x2>{}));
}
