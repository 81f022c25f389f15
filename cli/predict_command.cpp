// `ganforge predict MODEL --input IN --output OUT [--batch B] [--layout L]`:
// runs the interpreter on raw float32 input with the model's own weights.
// Images are NHWC or NCHW, by default the file's own convention (NCHW for
// ONNX); the interpreter computes channels last, so NCHW tensors are
// transposed on the way in and out.
// `ganforge predict MODEL --image IN.png --png OUT.png [--range LO,HI]`: an
// image-to-image model on a picture of any size.
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_format.hpp>
#include "runtime/import_limits.hpp"
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/readers/model_file.hpp>
#include <ganforge/readers/png_file.hpp>
#include <ganforge/runtime/tensor_layout.hpp>

#include "commands.hpp"
#include "float_file.hpp"
#include "image_tensor.hpp"
#include "progress_line.hpp"
#include "read_flags.hpp"

namespace ganforge::cli {
namespace {

struct PredictOptions {
    std::string model, output;
    std::vector<std::string> inputs;
    std::optional<std::size_t> batch;
    std::string layout;  // empty: the model file's own
    std::string image, png, range;  // a picture in and out instead
    ReadFlags read;
};

// " (model input 2, 'input_1')" after a message about a file, nothing for a
// single-input model.
std::string which_input(const ModelSpec& spec, std::size_t k) {
    if (spec.input_shapes.size() == 1) return {};
    return fmt::format(" (model input {}, '{}')", k + 1, keras_input_names(spec)[k]);
}

// `--image IN.png --png OUT.png`: the model on the whole picture, at the
// picture's size (predict_image), with a progress line on a terminal.
void run_image(const PredictOptions& o) {
    ReadOptions options = read_options(o.read, o.model);
    if (options.input_shapes.empty()) options.probe_unknown_extents = true;  // the picture gives the size
    ModelWithWeights m = read_model_with_weights(o.model, options);
    const ModelSpec& spec = m.weights.model();
    if (spec.input_shapes.size() != 1 || !spec.input_shape().is_image())
        throw Error(fmt::format("{}: --image needs a model with one image input; this one takes {}", o.model,
                                fmt::join(spec.input_shapes, ", ")));
    const std::size_t channels = spec.input_shape().channels();
    if (channels != 1 && channels != 3)
        throw Error(fmt::format("{}: its input has {} channels; a PNG gives 1 (gray) or 3 (RGB)", o.model, channels));
    const Image8 picture = read_png(o.image, channels);
    const ImageExtent extent{picture.height, picture.width};
    Shape out;
    try {
        out = resized_model(spec, std::span<const ImageExtent>(&extent, 1)).output_shape();
    } catch (const Error& e) {
        throw Error(fmt::format("{}: {}", o.image, e.what()));
    }
    if (!out.is_image() || (out.channels() != 1 && out.channels() != 3))
        throw Error(fmt::format("{}: its output {} is not an image of 1 or 3 channels, which --png writes", o.model,
                                out));
    if (out.size() > import_limits::max_tensor_values)
        throw Error(fmt::format("{}: its output for this image, {}, holds more than {} values", o.image, out,
                                import_limits::max_tensor_values));
    const ValueRange range =
        o.range.empty() ? default_value_range(spec) : parse_value_range(o.range, o.model + ": --range");
    const std::vector<float> input = to_values(picture, range);
    std::vector<float> result(out.size());
    const InterpreterCore net(std::move(m.weights));
    {
        ProgressLine progress;
        const std::span<const float> in(input);
        net.predict_image(std::span<const std::span<const float>>(&in, 1), std::span<const ImageExtent>(&extent, 1),
                          result, 1, ParallelFor{}, progress.callback());
    }
    write_png(o.png, to_image(result, out[0], out[1], out[2], range));
}

void run(const PredictOptions& o) {
    if (!o.image.empty()) return run_image(o);
    if (o.inputs.empty() || o.output.empty())
        throw Error("predict: give --input and --output (raw float32), or --image and --png (pictures)");
    ModelWithWeights m = read_model_with_weights(o.model, read_options(o.read, o.model));
    const ModelSpec& spec = m.weights.model();
    const std::size_t n_in = spec.input_shapes.size(), out_size = spec.output_shape().size();
    if (o.inputs.size() != n_in) {
        std::string wanted;
        for (std::size_t k = 0; k < n_in; ++k)
            wanted += fmt::format("{}'{}' {}", k ? ", " : "", keras_input_names(spec)[k], spec.input_shapes[k]);
        throw Error(fmt::format("{}: the model takes {} input{} ({}); got {} --input", o.model, n_in,
                                n_in == 1 ? "" : "s", wanted, o.inputs.size()));
    }
    std::vector<std::vector<float>> inputs;
    std::optional<std::size_t> batch = o.batch;
    for (std::size_t k = 0; k < n_in; ++k) {
        const std::string& file = o.inputs[k];
        const std::size_t in_size = spec.input_shapes[k].size();
        inputs.push_back(read_float32_file(file, import_limits::max_tensor_values));
        const std::size_t values = inputs.back().size();
        const Shape shape = spec.input_shapes[k];
        if (values == 0 || values % in_size != 0)
            throw Error(fmt::format("{}: holds {} float32 values, not a whole number of inputs of shape {} "
                                    "({} values each){}", file, values, shape, in_size, which_input(spec, k)));
        if (batch && *batch * in_size != values)
            throw Error(fmt::format("{}: holds {} float32 values; {} {} of shape {} needs {}{}", file, values,
                                    o.batch ? std::string("--batch") : fmt::format("{}'s batch", o.inputs[0]),
                                    *batch, shape, *batch * in_size, which_input(spec, k)));
        batch = values / in_size;
    }
    if (*batch > import_limits::max_tensor_values / out_size)
        throw Error(fmt::format("{}: {} inputs would give more than {} output values", o.inputs[0], *batch,
                                import_limits::max_tensor_values));
    const TensorLayout layout = o.layout.empty() ? m.model.layout : *parse_layout(o.layout);
    if (layout == TensorLayout::nchw)
        for (std::size_t k = 0; k < n_in; ++k) {
            std::vector<float> nhwc(inputs[k].size());
            to_channels_last(inputs[k], nhwc, spec.input_shapes[k], *batch);
            inputs[k] = std::move(nhwc);
        }
    std::vector<float> output(*batch * out_size);
    const std::vector<std::span<const float>> spans(inputs.begin(), inputs.end());
    const Shape out_shape = spec.output_shape();  // the interpreter takes the weights, and their model
    InterpreterCore(std::move(m.weights)).predict(spans, output, *batch);
    if (layout == TensorLayout::nchw) {
        std::vector<float> nchw(output.size());
        to_channels_first(output, nchw, out_shape, *batch);
        output = std::move(nchw);
    }
    write_float32_file(o.output, output);
}

}  // namespace

void add_predict_command(CLI::App& app) {
    auto o = std::make_shared<PredictOptions>();
    CLI::App* cmd = app.add_subcommand(
        "predict", "Run the model (interpreter) with its own weights on raw little-endian float32 input");
    cmd->add_option("MODEL", o->model, "TensorFlow.js model.json, Keras .keras or .h5, or ONNX .onnx")->required();
    CLI::Option* input = cmd->add_option("--input", o->inputs,
                                          "Input file: batch x input shape float32 values; one per model input, "
                                          "in the model's input order")
                             ->allow_extra_args(false);
    CLI::Option* output = cmd->add_option("--output", o->output, "Output file: batch x output shape float32 values");
    CLI::Option* batch = cmd->add_option("--batch", o->batch,
                                         "Number of inputs in the file (default: its size / input size)")
                             ->check(CLI::PositiveNumber);
    CLI::Option* layout = cmd->add_option("--layout", o->layout,
                                          "nhwc or nchw: where images keep their channels in IN and OUT (default: "
                                          "the model file's convention, nchw for ONNX, nhwc for Keras and "
                                          "TensorFlow.js)")
                              ->check(CLI::IsMember({"nhwc", "nchw"}));
    CLI::Option* image = cmd->add_option("--image", o->image,
                                         "A PNG (gray or RGB) to run an image-input model on, at the picture's "
                                         "own size (instead of --input)");
    CLI::Option* png = cmd->add_option("--png", o->png, "Where the result goes as a PNG (with --image)");
    CLI::Option* range = cmd->add_option("--range", o->range,
                                         "LO,HI: the model's values for 0 and 255 in and out (default: -1,1 for a "
                                         "tanh output, 0,1 for sigmoid, else 0,255)");
    image->needs(png)->excludes(input)->excludes(output)->excludes(batch)->excludes(layout);
    png->needs(image);
    range->needs(image);
    input->needs(output);
    output->needs(input);
    add_read_flags(*cmd, o->read);
    cmd->callback([o] { run(*o); });
}

}  // namespace ganforge::cli
