// Seeded standard-normal numbers that are the same on every machine and
// compiler: splitmix64 for the bits, Box-Muller in double precision for the
// shape (std::normal_distribution's algorithm is implementation-defined).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ganforge::cli {

class StandardNormal {
public:
    explicit StandardNormal(std::uint64_t seed) : state_(seed) {}
    float next();

private:
    std::uint64_t next_bits();
    double next_unit();  // in (0, 1]

    std::uint64_t state_;
    double spare_ = 0.0;
    bool has_spare_ = false;
};

// `count` values from a fresh generator seeded with `seed`.
std::vector<float> standard_normal(std::uint64_t seed, std::size_t count);

}  // namespace ganforge::cli
