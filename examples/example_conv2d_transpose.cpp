// The tutorial's worked example of Conv2DTranspose(1, (1, 1), strides=(2, 2)):
// with kernel weight 1 and bias 0 each input value lands on every second row
// and column, and the rows and columns in between stay 0.
#include <fmt/core.h>

#include "examples/models.hpp"
#include "examples/tutorial_output.hpp"

int main() {
    ganforge::Weights<examples::Tconv1x1Stride2> weights;
    weights.set_weights({{1.0f}, {0.0f}});  // as the tutorial's model.set_weights
    fmt::print("{}", examples::worked_example_output(weights));
}
