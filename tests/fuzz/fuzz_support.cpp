#include "fuzz_support.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <ganforge/core/error.hpp>
#include <ganforge/dsl/summary.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/readers/model_header.hpp>

namespace fuzz {
namespace {

// A model runs in the fuzzer when a rough bound on its work (each layer's
// input and output values times its parameters) stays below this: a few
// milliseconds under the sanitizers.
constexpr double max_work = double(1 << 22);

[[noreturn]] void fail(const char* what, std::string_view detail) {
    std::fprintf(stderr, "fuzz check failed: %s: %.*s\n", what, int(detail.size()), detail.data());
    std::abort();
}

bool small_enough(const ganforge::ModelSpec& model) {
    double work = 0;
    for (const ganforge::Shape& in : model.input_shapes) work += double(in.size());
    for (const ganforge::LayerSpec& l : model.layers) {
        const double params = double(ganforge::layer_params(l).total());
        work += double(l.input_shape.size() + l.output_shape.size()) * (1.0 + params);
    }
    return work <= max_work;
}

}  // namespace

void check_error_message(const std::string& message, std::string_view origin) {
    if (message.empty()) fail("empty error message", origin);
    if (message.find('\n') != std::string::npos) fail("error message of more than one line", message);
    if (message.rfind(std::string(origin) + ": ", 0) != 0) fail("error message does not name the file", message);
}

void use_model(const ganforge::KerasModel& model, std::string_view origin) {
    const std::string summary = ganforge::summary(model.spec, model.input_layer);
    if (summary.empty()) fail("empty summary", origin);
    try {
        const std::string header = ganforge::model_header(
            model.spec, {.name = "Model", .origin = std::string(origin), .model_name = model.name,
                         .keras_version = model.keras_version});
        for (const char c : header)
            if (c != '\n' && (c < 0x20 || c > 0x7e || c == '\\'))
                fail("header holds a control character or backslash", header);
    } catch (const ganforge::Error& e) {  // a model the DSL cannot declare yet; it still runs
        check_error_message(e.what(), origin);
    }
    if (!small_enough(model.spec)) return;
    ganforge::WeightStore weights(model.spec);
    ganforge::fill_glorot_uniform(weights, 1);
    run_if_small(weights);
}

void run_if_small(const ganforge::WeightStore& weights) {
    const ganforge::ModelSpec& model = weights.model();
    if (!small_enough(model)) return;
    constexpr std::size_t batch = 2;
    // In (-1, 1): valid labels (0) for an Embedding, plain values elsewhere.
    std::vector<std::vector<float>> inputs;
    for (const ganforge::Shape& shape : model.input_shapes) {
        inputs.emplace_back(batch * shape.size());
        for (std::size_t i = 0; i < inputs.back().size(); ++i) inputs.back()[i] = std::sin(float(i));
    }
    std::vector<float> output(batch * model.output_shape().size());
    const ganforge::InterpreterCore net(weights);
    net.predict(std::vector<std::span<const float>>(inputs.begin(), inputs.end()), output, batch);
}

}  // namespace fuzz
