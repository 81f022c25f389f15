#include <cmath>

#include <ganforge/runtime/weights.hpp>

namespace ganforge {
namespace {

// splitmix64: a fixed, fully specified sequence (std::uniform_real_distribution
// is not the same on every standard library).
struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [-1, 1), from the top 24 bits: exact in float.
    float symmetric() { return float(next() >> 40) * 0x1p-23f - 1.0f; }
};

}  // namespace

void fill_glorot_uniform(WeightStore& weights, std::uint64_t seed) {
    SplitMix64 rng{seed};
    for (const WeightEntry& e : weights.entries()) {
        auto t = weights.tensor(e);
        const TensorSpec& s = e.tensor;
        switch (s.role) {
            case WeightRole::kernel: {
                // Keras' fans: the last two axes times the receptive field.
                std::size_t receptive = 1;
                for (std::size_t i = 0; i + 2 < s.rank; ++i) receptive *= s.dims[i];
                const double fan_in = double(s.dims[s.rank - 2] * receptive);
                const double fan_out = double(s.dims[s.rank - 1] * receptive);
                const float limit = float(std::sqrt(6.0 / (fan_in + fan_out)));
                for (float& v : t) v = limit * rng.symmetric();
                break;
            }
            case WeightRole::embeddings:  // Keras' Embedding default: uniform(-0.05, 0.05)
                for (float& v : t) v = 0.05f * rng.symmetric();
                break;
            case WeightRole::gamma:
            case WeightRole::moving_variance:
                std::fill(t.begin(), t.end(), 1.0f);
                break;
            case WeightRole::bias:
            case WeightRole::beta:
            case WeightRole::moving_mean:
            case WeightRole::alpha:  // Keras' PReLU default: zeros
                std::fill(t.begin(), t.end(), 0.0f);
                break;
        }
    }
}

}  // namespace ganforge
