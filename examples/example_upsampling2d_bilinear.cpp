// The tutorial's UpSampling2D(interpolation='bilinear'), with Keras-Python's
// half-pixel centres (tf.image.resize), not TensorFlow.js' legacy rule.
#include <fmt/core.h>

#include "examples/models.hpp"
#include "examples/tutorial_output.hpp"

int main() {
    fmt::print("{}", examples::worked_example_output(
                         ganforge::Weights<examples::UpsampleBilinear2x2>{}));
}
