#include <ganforge/runtime/interpreter.hpp>

#include <algorithm>
#include <atomic>
#include <vector>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include <ganforge/core/flush_denormals.hpp>
#include "runtime/layer_runtime.hpp"

namespace ganforge {
namespace {

// For each tensor (model inputs first, then layers), the last layer that
// reads it: its buffer is freed after that layer has run.
std::vector<std::size_t> last_reads(const ModelSpec& m) {
    const std::size_t n_in = m.input_shapes.size();
    std::vector<std::size_t> last(n_in + m.layers.size(), 0);
    for (std::size_t i = 0; i < m.layers.size(); ++i)
        for (std::size_t j = 0; j < m.layers[i].inbound_count; ++j) {
            const TensorRef r = m.layers[i].inbound[j];
            last[r.model_input ? r.index : n_in + r.index] = i;
        }
    return last;
}

}  // namespace

InterpreterCore::InterpreterCore(WeightStore weights) : weights_(std::move(weights)) {}

void InterpreterCore::predict(std::span<const float> input, std::span<float> output,
                              std::size_t batch) const {
    predict(std::span<const std::span<const float>>(&input, 1), output, batch);
}

void InterpreterCore::predict(std::initializer_list<std::span<const float>> inputs,
                              std::span<float> output, std::size_t batch) const {
    predict(std::span<const std::span<const float>>(inputs.begin(), inputs.size()), output, batch);
}

void InterpreterCore::predict(std::span<const float> input, std::span<float> output, std::size_t batch,
                              const ParallelFor& parallel) const {
    predict(std::span<const std::span<const float>>(&input, 1), output, batch, parallel);
}

void InterpreterCore::predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output,
                              std::size_t batch, const ParallelFor& parallel) const {
    predict(std::span<const std::span<const float>>(inputs.begin(), inputs.size()), output, batch, parallel);
}

void InterpreterCore::predict(std::span<const std::span<const float>> inputs, std::span<float> output,
                              std::size_t batch) const {
    predict(inputs, output, batch, ParallelFor{});
}

void InterpreterCore::predict(std::span<const std::span<const float>> inputs, std::span<float> output,
                              std::size_t batch, const ParallelFor& parallel) const {
    run(model(), inputs, output, batch, parallel, {});
}

void InterpreterCore::predict_image(std::span<const float> input, std::size_t height, std::size_t width,
                                    std::span<float> output, std::size_t batch) const {
    predict_image(input, height, width, output, batch, ParallelFor{});
}

void InterpreterCore::predict_image(std::span<const float> input, std::size_t height, std::size_t width,
                                    std::span<float> output, std::size_t batch, const ParallelFor& parallel) const {
    const ImageExtent extent{height, width};
    predict_image(std::span<const std::span<const float>>(&input, 1), std::span<const ImageExtent>(&extent, 1),
                  output, batch, parallel);
}

void InterpreterCore::predict_image(std::span<const std::span<const float>> inputs,
                                    std::span<const ImageExtent> extents, std::span<float> output, std::size_t batch,
                                    const ParallelFor& parallel, const ProgressFn& progress) const {
    run(resized_model(model(), extents), inputs, output, batch, parallel, progress);
}

// One call's model, tensors and progress, shared by the threads that run its
// images.
struct InterpreterCore::Run {
    const ModelSpec& model;
    std::span<const std::span<const float>> inputs;
    std::span<float> output;
    std::size_t batch;
    std::vector<std::size_t> last;  // per tensor, the last layer reading it (last_reads)
    const ProgressFn& progress;
    std::vector<std::size_t> work;  // per layer, its work for one image (Progress)
    std::size_t batch_work = 0;
    mutable std::atomic<std::size_t> work_done{0}, layers_done{0};
};

// The layers' weights are the model's own at any size (resized_model checks
// it), so the resized description runs with them.
void InterpreterCore::run(const ModelSpec& m, std::span<const std::span<const float>> inputs, std::span<float> output,
                          std::size_t batch, const ParallelFor& parallel, const ProgressFn& progress) const {
    const std::size_t n_in = m.input_shapes.size(), out_size = m.output_shape().size();
    if (inputs.size() != n_in)
        throw Error(fmt::format("predict: the model has {} input{}, got {}", n_in,
                                n_in == 1 ? "" : "s", inputs.size()));
    for (std::size_t k = 0; k < n_in; ++k) {
        const std::size_t in_size = m.input_shapes[k].size();
        if (inputs[k].size() != batch * in_size)
            throw Error(fmt::format("predict: input {}holds {} floats, batch {} of {} needs {}",
                                    n_in == 1 ? "" : fmt::format("{} ", k + 1), inputs[k].size(),
                                    batch, in_size, batch * in_size));
    }
    if (output.size() != batch * out_size)
        throw Error(fmt::format("predict: output holds {} floats, batch {} of {} needs {}",
                                output.size(), batch, out_size, batch * out_size));
    Run run{m, inputs, output, batch, last_reads(m), progress, {}};
    if (progress) {
        for (const LayerSpec& l : m.layers) run.work.push_back(std::max(layer_macs(l), l.output_shape.size()));
        for (std::size_t w : run.work) run.batch_work += batch * w;
    }
    for_each_share(batch, parallel, [&](std::size_t first, std::size_t count) { run_images(run, first, count); });
}

// Images [first, first + count), one after the other, layer by layer.
void InterpreterCore::run_images(const Run& run, std::size_t first, std::size_t count) const {
    const FlushDenormals flush;
    const ModelSpec& m = run.model;
    const auto inputs = run.inputs;
    const auto output = run.output;
    const std::vector<std::size_t>& last = run.last;
    const std::size_t n_in = m.input_shapes.size(), out_size = m.output_shape().size();
    std::vector<std::vector<float>> values(m.layers.size());
    std::vector<const float*> reads;
    for (std::size_t n = first; n < first + count; ++n) {
        auto tensor = [&](TensorRef r) {
            return r.model_input ? inputs[r.index].data() + n * m.input_shapes[r.index].size()
                                 : values[r.index].data();
        };
        const float* result = inputs[0].data() + n * m.input_shapes[0].size();
        for (std::size_t i = 0; i < m.layers.size(); ++i) {
            const LayerSpec& l = m.layers[i];
            reads.assign(l.inbound_count, nullptr);
            for (std::size_t j = 0; j < l.inbound_count; ++j) reads[j] = tensor(l.inbound[j]);
            values[i].resize(l.output_shape.size());
            const LayerRun layer{m, l, weights_, i, reads};
            with_layer_type(l.kind, [&]<typename T>() { LayerRuntime<T>::run(layer, values[i].data()); });
            if (run.progress)
                run.progress({run.work_done += run.work[i], run.batch_work, ++run.layers_done,
                              m.layers.size() * run.batch});
            for (std::size_t j = 0; j < l.inbound_count; ++j)
                if (const TensorRef r = l.inbound[j]; !r.model_input && last[n_in + r.index] == i)
                    values[r.index] = {};
            result = values[i].data();
        }
        std::copy_n(result, out_size, output.data() + n * out_size);
    }
}

}  // namespace ganforge
