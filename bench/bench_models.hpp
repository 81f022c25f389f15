// The models the benchmark report compares, by the names outside scripts
// rely on: examples/example_models.inc, the one list the build, the
// benchmarks, the generated engines and the tests read.
#pragma once

#include <array>
#include <string_view>

#include <ganforge/examples/models.hpp>
#include <ganforge/core/model_spec.hpp>

namespace ganforge::bench {

struct BenchModel {
    std::string_view name;
    ModelSpec (*spec)();
    bool tutorial;  // one of the tutorial's 10x10 generators (the 10x target)
};

inline constexpr std::array bench_models{
#define GANFORGE_EXAMPLE_MODEL(name, type, net, is_tutorial) BenchModel{#name, &examples::type::spec, is_tutorial},
#include <ganforge/examples/example_models.inc>
#undef GANFORGE_EXAMPLE_MODEL
};

inline constexpr std::array<std::size_t, 2> bench_batches{1, 16};

}  // namespace ganforge::bench
