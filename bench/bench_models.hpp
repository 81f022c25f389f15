// The models the benchmark report compares, by the names outside scripts
// rely on: examples/example_models.inc, the one list the build, the
// benchmarks, the generated engines and the tests read.
#pragma once

#include <array>
#include <string_view>

#include "examples/models.hpp"
#include <ganforge/core/model_spec.hpp>

namespace ganforge::bench {

struct BenchModel {
    std::string_view name;
    ModelSpec (*spec)();
    bool tutorial;  // one of the tutorial's 10x10 generators (the 10x target)
    std::size_t large_batch;  // the batch it runs at besides 1

    std::array<std::size_t, 2> batches() const { return {1, large_batch}; }
};

inline constexpr std::array bench_models{
#define GANFORGE_EXAMPLE_MODEL(name, type, net, is_tutorial, batch, layout) \
    BenchModel{#name, &examples::type::spec, is_tutorial, batch},
#include "examples/example_models.inc"
#undef GANFORGE_EXAMPLE_MODEL
};

}  // namespace ganforge::bench
