#include "network_check.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <random>

namespace codegen_test {

void randomize(ganforge::WeightStore& weights, std::uint64_t seed) {
    ganforge::fill_glorot_uniform(weights, seed);
    std::mt19937_64 rng(seed);
    auto u = [&](float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng); };
    for (const ganforge::WeightEntry& e : weights.entries())
        for (float& v : weights.tensor(e)) switch (e.tensor.role) {
                case ganforge::WeightRole::kernel: break;
                case ganforge::WeightRole::gamma: v = u(0.5f, 1.5f); break;
                case ganforge::WeightRole::moving_variance: v = u(0.25f, 1.5f); break;
                default: v = u(-0.5f, 0.5f); break;
            }
}

std::vector<float> uniform(std::size_t n, std::uint64_t seed, float lo, float hi) {
    std::mt19937_64 rng(seed * 7919 + 13);
    std::uniform_real_distribution<float> u(lo, hi);
    std::vector<float> v(n);
    for (float& x : v) x = u(rng);
    return v;
}

std::vector<std::vector<float>> model_inputs(const ganforge::ModelSpec& model, std::size_t batch,
                                             std::uint64_t seed) {
    std::vector<std::vector<float>> inputs;
    for (std::size_t k = 0; k < model.input_shapes.size(); ++k) {
        const int labels = ganforge::input_labels(model, k);
        std::vector<float> v = uniform(batch * model.input_shapes[k].size(), seed + 101 * k, 0.0f, 1.0f);
        for (float& x : v) x = labels > 0 ? std::min(std::floor(x * float(labels)), float(labels - 1)) : 2.0f * x - 1.0f;
        inputs.push_back(std::move(v));
    }
    return inputs;
}

std::vector<std::span<const float>> spans(const std::vector<std::vector<float>>& inputs) {
    return {inputs.begin(), inputs.end()};
}

std::vector<std::vector<float>> case_inputs(const std::filesystem::path& folder, std::size_t inputs) {
    if (inputs == 1) return {read_floats(folder / "input.bin")};
    std::vector<std::vector<float>> v;
    for (std::size_t k = 0; k < inputs; ++k) v.push_back(read_floats(folder / ("input_" + std::to_string(k) + ".bin")));
    return v;
}

std::vector<ganforge::Isa> isas_here() {
    std::vector<ganforge::Isa> isas;
    for (ganforge::Isa isa : ganforge::all_isas)
        if (ganforge::cpu_supports(isa)) isas.push_back(isa);
    return isas;
}

std::vector<float> read_floats(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<float> v(bytes.size() / sizeof(float));
    std::copy(bytes.begin(), bytes.begin() + std::ptrdiff_t(v.size() * sizeof(float)),
              reinterpret_cast<char*>(v.data()));
    return v;
}

::testing::AssertionResult close(const std::vector<float>& want, const std::vector<float>& got,
                                 double tolerance) {
    if (want.size() != got.size())
        return ::testing::AssertionFailure() << "sizes " << want.size() << " and " << got.size();
    double scale = 1.0;
    for (float v : want) scale = std::max(scale, double(std::fabs(v)));
    const double limit = tolerance * scale;
    std::size_t worst = 0;
    double worst_diff = 0.0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const double d = std::fabs(double(want[i]) - double(got[i]));
        if (!(d <= worst_diff)) {  // NaN counts as worst
            worst = i;
            worst_diff = std::isnan(d) ? INFINITY : d;
        }
    }
    if (worst_diff <= limit) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "element " << worst << " of " << want.size() << ": want "
                                         << want[worst] << ", got " << got[worst] << " (difference "
                                         << worst_diff << ", allowed " << limit << ")";
}

::testing::AssertionResult bitwise_equal(const std::vector<float>& want, const std::vector<float>& got) {
    if (want.size() != got.size())
        return ::testing::AssertionFailure() << "sizes " << want.size() << " and " << got.size();
    for (std::size_t i = 0; i < want.size(); ++i)
        if (std::memcmp(&want[i], &got[i], sizeof(float)) != 0)
            return ::testing::AssertionFailure() << "element " << i << " of " << want.size() << ": " << want[i]
                                                 << " and " << got[i];
    return ::testing::AssertionSuccess();
}

}  // namespace codegen_test
