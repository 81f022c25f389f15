// `ganforge sample MODEL --png GRID.png [--count N] [--seed S] [--label L]`:
// images from seeded standard-normal latent vectors, as one PNG grid. A
// conditional generator's label input (one an Embedding reads) gets label L
// for every image, or by default image n label n mod the number of classes,
// so the grid shows every class.
#include <iostream>
#include <memory>
#include <optional>
#include <span>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_format.hpp>
#include "runtime/import_limits.hpp"
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/readers/model_file.hpp>

#include "commands.hpp"
#include "image_grid.hpp"
#include "read_flags.hpp"
#include "standard_normal.hpp"

namespace ganforge::cli {
namespace {

struct SampleOptions {
    std::string model, png;
    std::size_t count = 16;
    std::uint64_t seed = 0;
    std::optional<long> label;
    ReadFlags read;
};

// Input k of the model for `count` images: labels or a latent vector.
std::vector<float> sample_input(const SampleOptions& o, const ModelSpec& spec, std::size_t k) {
    const Shape in = spec.input_shapes[k];
    const std::string name = keras_input_names(spec)[k];
    if (const int labels = input_labels(spec, k); labels > 0) {
        if (o.label && (*o.label < 0 || *o.label >= labels))
            throw Error(fmt::format("--label {}: the model's input '{}' takes labels 0 to {}", *o.label, name,
                                    labels - 1));
        std::vector<float> v(o.count * in.size());
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = float(o.label ? std::size_t(*o.label) : i / in.size() % std::size_t(labels));
        return v;
    }
    if (in.rank() != 1)
        throw Error(fmt::format("{}: sample needs a generator whose inputs are latent vectors or labels; its "
                                "input '{}' is {}", o.model, name, shape_extents(in, "x")));
    return standard_normal(o.seed + k, o.count * in.size());
}

void run(const SampleOptions& o) {
    ModelWithWeights m = read_model_with_weights(o.model, read_options(o.read, o.model));
    const ModelSpec& spec = m.weights.model();
    const Shape out = spec.output_shape();
    bool has_labels = false;
    for (std::size_t k = 0; k < spec.input_shapes.size(); ++k) has_labels |= input_labels(spec, k) > 0;
    if (o.label && !has_labels)
        throw Error(fmt::format("--label: {} has no label input (an input an Embedding reads)", o.model));
    std::vector<std::vector<float>> inputs;
    for (std::size_t k = 0; k < spec.input_shapes.size(); ++k) inputs.push_back(sample_input(o, spec, k));
    if (out.rank() != 3 || (out.channels() != 1 && out.channels() != 3))
        throw Error(fmt::format("{}: sample needs a model whose output is an image with 1 or 3 channels; this "
                                "one gives {} values of shape rank {}", o.model, out.size(), out.rank()));
    if (o.count > import_limits::max_tensor_values / out.size())
        throw Error(fmt::format("--count {} is too many images of {} values", o.count, out.size()));
    const PixelRange range = output_pixel_range(spec);
    std::vector<float> images(o.count * out.size());
    const std::vector<std::span<const float>> spans(inputs.begin(), inputs.end());
    InterpreterCore(std::move(m.weights)).predict(spans, images, o.count);
    std::vector<std::uint8_t> pixels;
    for (std::size_t n = 0; n < o.count; ++n) {
        const auto p = to_pixels(std::span(images).subspan(n * out.size(), out.size()), range);
        pixels.insert(pixels.end(), p.begin(), p.end());
    }
    write_png_grid(o.png, pixels, o.count, out);
    std::cout << fmt::format("{}: {} images of {}x{}x{} (seed {}, {})\n", o.png, o.count, out[0], out[1], out[2],
                             o.seed,
                             range == PixelRange::tanh      ? "tanh output, [-1, 1] -> 0..255"
                             : range == PixelRange::sigmoid ? "sigmoid output, [0, 1] -> 0..255"
                                                            : "each image's min..max -> 0..255");
}

}  // namespace

void add_sample_command(CLI::App& app) {
    auto o = std::make_shared<SampleOptions>();
    CLI::App* cmd = app.add_subcommand(
        "sample", "Generate images from seeded standard-normal latent vectors and write them as one PNG grid");
    cmd->add_option("MODEL", o->model, "TensorFlow.js model.json, Keras .keras or .h5, or ONNX .onnx of a generator")->required();
    cmd->add_option("--png", o->png, "The PNG file to write")->required();
    cmd->add_option("--count", o->count, "Number of images")->check(CLI::Range(1, 1024))->capture_default_str();
    cmd->add_option("--seed", o->seed, "Seed of the latent vectors (splitmix64 + Box-Muller)")->capture_default_str();
    cmd->add_option("--label", o->label,
                    "A conditional generator's class for every image (default: image n gets n mod the classes)");
    add_read_flags(*cmd, o->read);
    cmd->callback([o] { run(*o); });
}

}  // namespace ganforge::cli
