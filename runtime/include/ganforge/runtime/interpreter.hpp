// The generic interpreter: runs any ModelSpec with runtime shapes. It is the
// numerical reference (Keras-Python's numerics) and the baseline generated
// code is measured against: plain loops in natural order, compiled once
// (-O3) for every model, nothing specialised per model.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <span>
#include <vector>

#include <ganforge/runtime/thread_pool.hpp>
#include <ganforge/runtime/weight_store.hpp>
#include <ganforge/runtime/weights.hpp>

namespace ganforge {

// What a long run reports as it goes: after each layer of each image, the
// work done and the work in all (the layers' multiply-adds, and one per
// value written by layers without any), and the layers done and in all.
// Called from the threads that run the images: it must be safe to call
// from several at once.
struct Progress {
    std::size_t work_done = 0, work = 0;
    std::size_t layers_done = 0, layers = 0;
};
using ProgressFn = std::function<void(const Progress&)>;

// The compiled, non-template core.
class InterpreterCore {
public:
    explicit InterpreterCore(WeightStore weights);

    const ModelSpec& model() const { return weights_.model(); }

    // input: batch x input_shape, output: batch x output_shape, float32 NHWC.
    // Wrong sizes throw ganforge::Error, as does an Embedding label outside
    // its table. Const and safe from many threads.
    void predict(std::span<const float> input, std::span<float> output,
                 std::size_t batch = 1) const;
    // A model with several inputs: one span per input, in the model's input
    // order (`predict({latent, label}, image, batch)`).
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const;
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const;

    // The same spread over threads: the batch in contiguous shares, one per
    // thread of `parallel` (a ThreadPool's, or the caller's own). Each image
    // is computed as alone, so the result is the one-thread one bit for bit.
    void predict(std::span<const float> input, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const;
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const;
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const;

    // A fully convolutional model on images of another size: input batch x
    // height x width x its channels, output batch x output_extent (the
    // model's output shape at that size, ModelSpec's resized_model). A size
    // the model cannot take throws ganforge::Error naming the layer.
    void predict_image(std::span<const float> input, std::size_t height, std::size_t width, std::span<float> output,
                       std::size_t batch = 1) const;
    void predict_image(std::span<const float> input, std::size_t height, std::size_t width, std::span<float> output,
                       std::size_t batch, const ParallelFor& parallel) const;
    // Several inputs: one size per image input, in input order.
    void predict_image(std::span<const std::span<const float>> inputs, std::span<const ImageExtent> extents,
                       std::span<float> output, std::size_t batch, const ParallelFor& parallel,
                       const ProgressFn& progress = {}) const;

private:
    struct Run;
    void run(const ModelSpec& m, std::span<const std::span<const float>> inputs, std::span<float> output,
             std::size_t batch, const ParallelFor& parallel, const ProgressFn& progress) const;
    void run_images(const Run& run, std::size_t first, std::size_t count) const;

    WeightStore weights_;
};

template <Model M>
class Interpreter {
public:
    explicit Interpreter(const Weights<M>& weights) : core_(weights) {}

    void predict(std::span<const float> input, std::span<float> output,
                 std::size_t batch = 1) const {
        core_.predict(input, output, batch);
    }
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const {
        core_.predict(inputs, output, batch);
    }
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const {
        core_.predict(inputs, output, batch);
    }

    // Spread over a ThreadPool's threads or a caller's ParallelFor.
    void predict(std::span<const float> input, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const {
        core_.predict(input, output, batch, parallel);
    }
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const {
        core_.predict(inputs, output, batch, parallel);
    }
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const {
        core_.predict(inputs, output, batch, parallel);
    }
    void predict(std::span<const float> input, std::span<float> output, std::size_t batch, ThreadPool& pool) const {
        core_.predict(input, output, batch, pool.parallel_for());
    }
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 ThreadPool& pool) const {
        core_.predict(inputs, output, batch, pool.parallel_for());
    }
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 ThreadPool& pool) const {
        core_.predict(inputs, output, batch, pool.parallel_for());
    }

    // A fully convolutional model on images of another size (output
    // M::output_extent(height, width) per image).
    void predict_image(std::span<const float> input, std::size_t height, std::size_t width, std::span<float> output,
                       std::size_t batch = 1) const {
        core_.predict_image(input, height, width, output, batch);
    }
    void predict_image(std::span<const float> input, std::size_t height, std::size_t width, std::span<float> output,
                       std::size_t batch, const ParallelFor& parallel) const {
        core_.predict_image(input, height, width, output, batch, parallel);
    }
    void predict_image(std::span<const float> input, std::size_t height, std::size_t width, std::span<float> output,
                       std::size_t batch, ThreadPool& pool) const {
        core_.predict_image(input, height, width, output, batch, pool.parallel_for());
    }

private:
    InterpreterCore core_;
};

}  // namespace ganforge
