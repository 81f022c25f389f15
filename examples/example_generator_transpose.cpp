// The tutorial's 10x10 generator with one strided Conv2DTranspose.
#include <fmt/core.h>

#include "examples/models.hpp"
#include "examples/tutorial_output.hpp"

int main() { fmt::print("{}", examples::generator_example_output<examples::SeedTconv>(1)); }
