// The tutorial's 10x10 generator with UpSampling2D followed by Conv2D.
#include <fmt/core.h>

#include <ganforge/examples/models.hpp>
#include <ganforge/examples/tutorial_output.hpp>

int main() { fmt::print("{}", examples::generator_example_output<examples::SeedUpsample>(1)); }
