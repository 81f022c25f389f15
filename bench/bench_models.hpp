// The models the benchmark report compares, by the names outside scripts
// rely on. One list: the benchmarks, the generated engines and the tests read it.
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
    BenchModel{"seed_upsample", &examples::SeedUpsample::spec, true},
    BenchModel{"seed_tconv", &examples::SeedTconv::spec, true},
    BenchModel{"mnist_gen", &examples::MnistGen::spec, false},
    BenchModel{"cifar_gen", &examples::CifarGen::spec, false},
    BenchModel{"dcgan64", &examples::Dcgan64::spec, false},
};

inline constexpr std::array<std::size_t, 2> bench_batches{1, 16};

}  // namespace ganforge::bench
