// The tutorial's UpSampling2D(size=(2, 3)): rows doubled, columns tripled, so
// the 2x2 image becomes 4x6.
#include <fmt/core.h>

#include "examples/models.hpp"
#include "examples/tutorial_output.hpp"

int main() {
    fmt::print("{}", examples::worked_example_output(ganforge::Weights<examples::Upsample2x3>{}));
}
