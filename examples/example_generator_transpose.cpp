// The tutorial's 10x10 generator with one strided Conv2DTranspose.
#include <fmt/core.h>

#include <ganforge/examples/models.hpp>
#include <ganforge/examples/tutorial_output.hpp>

int main() { fmt::print("{}", examples::generator_example_output<examples::SeedTconv>(1)); }
