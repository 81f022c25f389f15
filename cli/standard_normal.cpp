#include "standard_normal.hpp"

#include <cmath>
#include <numbers>

namespace ganforge::cli {

std::uint64_t StandardNormal::next_bits() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double StandardNormal::next_unit() {
    // 53 random bits, shifted to (0, 1] so that log() below is finite.
    return (double(next_bits() >> 11) + 1.0) * 0x1.0p-53;
}

float StandardNormal::next() {
    if (has_spare_) {
        has_spare_ = false;
        return float(spare_);
    }
    const double radius = std::sqrt(-2.0 * std::log(next_unit()));
    const double angle = 2.0 * std::numbers::pi * next_unit();
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return float(radius * std::cos(angle));
}

std::vector<float> standard_normal(std::uint64_t seed, std::size_t count) {
    StandardNormal g(seed);
    std::vector<float> values(count);
    for (float& v : values) v = g.next();
    return values;
}

}  // namespace ganforge::cli
