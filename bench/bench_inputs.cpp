#include "bench/bench_inputs.hpp"

#include <algorithm>
#include <cmath>

#include <ganforge/runtime/weights.hpp>

namespace ganforge::bench {
namespace {

// splitmix64, so the figures are reproducible on every standard library.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    // Uniform in [lo, hi).
    float uniform(float lo, float hi) {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        return lo + (hi - lo) * (float(z >> 40) * 0x1p-24f);
    }

private:
    std::uint64_t state_;
};

}  // namespace

WeightStore benchmark_weights(const ModelSpec& model, std::uint64_t seed) {
    WeightStore w(model);
    fill_glorot_uniform(w, seed);
    Random rng(~seed);
    for (const WeightEntry& e : w.entries()) {
        const bool positive = e.tensor.role == WeightRole::gamma ||
                              e.tensor.role == WeightRole::moving_variance;
        if (e.tensor.role == WeightRole::kernel) continue;
        for (float& v : w.tensor(e)) v = positive ? rng.uniform(0.5f, 1.5f) : rng.uniform(-0.2f, 0.2f);
    }
    return w;
}

std::vector<std::vector<float>> benchmark_inputs(const ModelSpec& model, std::size_t batch, std::uint64_t seed) {
    std::vector<std::vector<float>> inputs;
    for (std::size_t k = 0; k < model.input_shapes.size(); ++k) {
        std::vector<float> x(batch * model.input_shapes[k].size());
        Random rng(seed + 7919 * k);
        const int labels = input_labels(model, k);
        for (float& v : x)
            v = labels > 0 ? std::min(std::floor(rng.uniform(0.0f, float(labels))), float(labels - 1))
                           : rng.uniform(-1.0f, 1.0f);
        inputs.push_back(std::move(x));
    }
    return inputs;
}

std::vector<std::span<const float>> spans_of(const std::vector<std::vector<float>>& inputs) {
    return {inputs.begin(), inputs.end()};
}

}  // namespace ganforge::bench
