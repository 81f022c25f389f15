// `ganforge predict MODEL --input IN --output OUT [--batch B]`: runs the
// interpreter on raw float32 NHWC input with the model's own weights.
#include <memory>
#include <optional>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include <ganforge/runtime/import_limits.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/runtime/model_file.hpp>

#include "commands.hpp"
#include "float_file.hpp"

namespace ganforge::cli {
namespace {

struct PredictOptions {
    std::string model, input, output;
    std::optional<std::size_t> batch;
};

std::string shape_text(const Shape& s) {
    return s.rank() == 1 ? fmt::format("({})", s[0]) : fmt::format("({}, {}, {})", s[0], s[1], s[2]);
}

void run(const PredictOptions& o) {
    ModelWithWeights m = read_model_with_weights(o.model);
    const ModelSpec& spec = m.weights.model();
    const std::size_t in_size = spec.input_shape.size(), out_size = spec.output_shape().size();
    const std::vector<float> input = read_float32_file(o.input, import_limits::max_tensor_values);
    if (input.empty() || input.size() % in_size != 0)
        throw Error(fmt::format("{}: holds {} float32 values, not a whole number of inputs of shape {} ({} values each)",
                                o.input, input.size(), shape_text(spec.input_shape), in_size));
    const std::size_t batch = input.size() / in_size;
    if (o.batch && *o.batch != batch)
        throw Error(fmt::format("{}: holds {} float32 values; --batch {} of shape {} needs {}", o.input,
                                input.size(), *o.batch, shape_text(spec.input_shape), *o.batch * in_size));
    if (batch > import_limits::max_tensor_values / out_size)
        throw Error(fmt::format("{}: {} inputs would give more than {} output values", o.input, batch,
                                import_limits::max_tensor_values));
    std::vector<float> output(batch * out_size);
    InterpreterCore(std::move(m.weights)).predict(input, output, batch);
    write_float32_file(o.output, output);
}

}  // namespace

void add_predict_command(CLI::App& app) {
    auto o = std::make_shared<PredictOptions>();
    CLI::App* cmd = app.add_subcommand(
        "predict", "Run the model (interpreter) with its own weights on raw little-endian float32 NHWC input");
    cmd->add_option("MODEL", o->model, "TensorFlow.js model.json or Keras .h5")->required();
    cmd->add_option("--input", o->input, "Input file: batch x input shape float32 values")->required();
    cmd->add_option("--output", o->output, "Output file: batch x output shape float32 values")->required();
    cmd->add_option("--batch", o->batch, "Number of inputs in the file (default: its size / input size)")
        ->check(CLI::PositiveNumber);
    cmd->callback([o] { run(*o); });
}

}  // namespace ganforge::cli
