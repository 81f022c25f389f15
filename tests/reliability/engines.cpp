#include "engines.hpp"

#include <memory>

namespace reliability {

ganforge::WeightStore probe_weights(const ganforge::ModelSpec& model, std::uint64_t seed) {
    ganforge::WeightStore w(model);
    ganforge::fill_glorot_uniform(w, seed);
    std::uint64_t state = seed * 0x9e3779b97f4a7c15ull + 1;
    auto uniform = [&](float lo, float hi) {  // a 64-bit LCG's top 24 bits
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return lo + (hi - lo) * float(state >> 40) / float(1 << 24);
    };
    for (const ganforge::WeightEntry& e : w.entries()) {
        using ganforge::WeightRole;
        const WeightRole r = e.tensor.role;
        if (r == WeightRole::kernel) continue;
        const float lo = r == WeightRole::gamma || r == WeightRole::moving_variance ? 0.5f : -0.5f;
        for (float& v : w.tensor(e)) v = uniform(lo, lo + 1.0f);
    }
    return w;
}

Engine interpreter_engine(const ganforge::WeightStore& weights) {
    auto net = std::make_shared<const ganforge::InterpreterCore>(weights);
    return {"interpreter", [net](std::span<const float> in, std::span<float> out, std::size_t batch) {
                net->predict(in, out, batch);
            }};
}

}  // namespace reliability
