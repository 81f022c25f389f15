// The tutorial's 10x10 generator with UpSampling2D followed by Conv2D.
#include <fmt/core.h>

#include "examples/models.hpp"
#include "examples/tutorial_output.hpp"

int main() { fmt::print("{}", examples::generator_example_output<examples::SeedUpsample>(1)); }
