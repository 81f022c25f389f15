#include "bench/model_data.hpp"

#include <map>
#include <memory>
#include <string_view>

#include "bench/bench_inputs.hpp"
#include <ganforge/runtime/interpreter.hpp>

namespace ganforge::bench {
namespace {

constexpr std::uint64_t weights_seed = 1;

struct ModelData {
    std::string_view name;
    WeightStore weights;
    std::map<std::size_t, std::vector<std::vector<float>>> inputs;
    std::map<std::size_t, std::vector<float>> references;
};

ModelData& data_of(const BenchModel& model) {
    static std::unique_ptr<ModelData> current;
    if (!current || current->name != model.name)
        current = std::make_unique<ModelData>(
            ModelData{model.name, benchmark_weights(model.spec(), weights_seed), {}, {}});
    return *current;
}

}  // namespace

const WeightStore& model_weights(const BenchModel& model) { return data_of(model).weights; }

const std::vector<std::vector<float>>& model_inputs(const BenchModel& model, std::size_t batch) {
    auto& inputs = data_of(model).inputs;
    auto it = inputs.find(batch);
    if (it == inputs.end())
        it = inputs.emplace(batch, benchmark_inputs(model_weights(model).model(), batch, 1000 + batch)).first;
    return it->second;
}

const std::vector<float>& reference_output(const BenchModel& model, std::size_t batch) {
    ModelData& d = data_of(model);
    auto it = d.references.find(batch);
    if (it == d.references.end()) {
        std::vector<float> out(batch * d.weights.model().output_shape().size());
        InterpreterCore(d.weights).predict(spans_of(model_inputs(model, batch)), out, batch);
        it = d.references.emplace(batch, std::move(out)).first;
    }
    return it->second;
}

void record_reference_output(const BenchModel& model, std::size_t batch, std::vector<float> output) {
    data_of(model).references.try_emplace(batch, std::move(output));
}

}  // namespace ganforge::bench
