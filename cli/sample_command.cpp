// `ganforge sample MODEL --png GRID.png [--count N] [--seed S]`: images from
// seeded standard-normal latent vectors, as one PNG grid.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include <ganforge/runtime/import_limits.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/runtime/model_file.hpp>

#include "commands.hpp"
#include "image_grid.hpp"
#include "standard_normal.hpp"

namespace ganforge::cli {
namespace {

struct SampleOptions {
    std::string model, png;
    std::size_t count = 16;
    std::uint64_t seed = 0;
};

void run(const SampleOptions& o) {
    ModelWithWeights m = read_model_with_weights(o.model);
    const ModelSpec& spec = m.weights.model();
    const Shape out = spec.output_shape();
    if (spec.input_shape().rank() != 1)
        throw Error(fmt::format("{}: sample needs a generator whose input is a latent vector; this model's "
                                "input is ({}, {}, {})", o.model, spec.input_shape()[0], spec.input_shape()[1],
                                spec.input_shape()[2]));
    if (out.rank() != 3 || (out.channels() != 1 && out.channels() != 3))
        throw Error(fmt::format("{}: sample needs a model whose output is an image with 1 or 3 channels; this "
                                "one gives {} values of shape rank {}", o.model, out.size(), out.rank()));
    if (o.count > import_limits::max_tensor_values / out.size())
        throw Error(fmt::format("--count {} is too many images of {} values", o.count, out.size()));
    const PixelRange range = output_pixel_range(spec);
    const std::vector<float> latent = standard_normal(o.seed, o.count * spec.input_shape().size());
    std::vector<float> images(o.count * out.size());
    InterpreterCore(std::move(m.weights)).predict(latent, images, o.count);
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
    cmd->add_option("MODEL", o->model, "TensorFlow.js model.json or Keras .h5 of a generator")->required();
    cmd->add_option("--png", o->png, "The PNG file to write")->required();
    cmd->add_option("--count", o->count, "Number of images")->check(CLI::Range(1, 1024))->capture_default_str();
    cmd->add_option("--seed", o->seed, "Seed of the latent vectors (splitmix64 + Box-Muller)")->capture_default_str();
    cmd->callback([o] { run(*o); });
}

}  // namespace ganforge::cli
