// What every generated network's predict is, written once: its overloads
// (one span, a span per input or a braced list of them; on the calling
// thread, a ThreadPool or the caller's ParallelFor), their size checks and
// how a batch is shared over threads. A generated class derives from
// GeneratedNetwork<itself> and keeps what is its own: input_count,
// input_shapes, output_shape and step_macs (public), and, for this base
// alone (a friend), its class_name and run_images, which runs images
// [0, batch) from one pointer per input into the output.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>

#include <ganforge/codegen/support/network_support.hpp>
#include <ganforge/core/image_size.hpp>
#include <ganforge/core/shape.hpp>
#include <ganforge/runtime/parallel_for.hpp>
#include <ganforge/runtime/thread_pool.hpp>

namespace ganforge::codegen::support {

template <typename Network>
class GeneratedNetwork {
public:
    // A model of one input: input batch x input_shape, output batch x
    // output_shape, float32 in the order `layout` names. Wrong sizes are a
    // ganforge::Error. Safe from many threads at once; no heap allocation
    // once a thread has run it.
    void predict(std::span<const float> input, std::span<float> output, std::size_t batch = 1) const
        requires(Network::input_count == 1)
    {
        const std::span<const float> inputs[] = {input};
        run_batch(inputs, output, batch, nullptr);
    }
    // One span per input, in input order (`predict({latent, label}, image,
    // batch)`), each batch x input_shapes[k]; a model of one input takes a
    // list of one.
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const {
        run_batch(inputs, output, batch, nullptr);
    }
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output,
                 std::size_t batch = 1) const {
        run_batch(std::span(inputs.begin(), inputs.size()), output, batch, nullptr);
    }

    // The same spread over threads: a ThreadPool's, or the caller's own
    // ParallelFor. The batch goes in contiguous shares, one per thread; each
    // image is computed as alone, so the result is the one-thread one bit for bit.
    void predict(std::span<const float> input, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const
        requires(Network::input_count == 1)
    {
        const std::span<const float> inputs[] = {input};
        run_batch(inputs, output, batch, &parallel);
    }
    void predict(std::span<const float> input, std::span<float> output, std::size_t batch, ThreadPool& pool) const
        requires(Network::input_count == 1)
    {
        predict(input, output, batch, pool.parallel_for());
    }
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const {
        run_batch(inputs, output, batch, &parallel);
    }
    void predict(std::span<const std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 ThreadPool& pool) const {
        predict(inputs, output, batch, pool.parallel_for());
    }
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const {
        run_batch(std::span(inputs.begin(), inputs.size()), output, batch, &parallel);
    }
    void predict(std::initializer_list<std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                 ThreadPool& pool) const {
        predict(inputs, output, batch, pool.parallel_for());
    }

    // A fully convolutional model on images of any size it can take
    // (Network::any_size): one image input of height x width x its channels
    // per image, output image_output_shape(height, width) per image, in the
    // network's layout. The result is the model's on the whole image; at the
    // declared size it is predict's. A size the model cannot take throws
    // ganforge::Error naming the layer. With threads, they share each step
    // of each image (bands of its rows).
    void predict_image(std::span<const float> input, std::size_t height, std::size_t width, std::span<float> output,
                       std::size_t batch = 1) const
        requires(Network::input_count == 1)
    {
        const std::span<const float> inputs[] = {input};
        const ImageExtent extents[] = {{height, width}};
        run_image(inputs, extents, output, batch, nullptr);
    }
    void predict_image(std::span<const float> input, std::size_t height, std::size_t width, std::span<float> output,
                       std::size_t batch, const ParallelFor& parallel) const
        requires(Network::input_count == 1)
    {
        const std::span<const float> inputs[] = {input};
        const ImageExtent extents[] = {{height, width}};
        run_image(inputs, extents, output, batch, &parallel);
    }
    void predict_image(std::span<const float> input, std::size_t height, std::size_t width, std::span<float> output,
                       std::size_t batch, ThreadPool& pool) const
        requires(Network::input_count == 1)
    {
        predict_image(input, height, width, output, batch, pool.parallel_for());
    }
    // Several inputs: one span per input, one size per image input, in input order.
    void predict_image(std::span<const std::span<const float>> inputs, std::span<const ImageExtent> extents,
                       std::span<float> output, std::size_t batch = 1) const {
        run_image(inputs, extents, output, batch, nullptr);
    }
    void predict_image(std::span<const std::span<const float>> inputs, std::span<const ImageExtent> extents,
                       std::span<float> output, std::size_t batch, const ParallelFor& parallel) const {
        run_image(inputs, extents, output, batch, &parallel);
    }
    void predict_image(std::span<const std::span<const float>> inputs, std::span<const ImageExtent> extents,
                       std::span<float> output, std::size_t batch, ThreadPool& pool) const {
        const ParallelFor parallel = pool.parallel_for();
        run_image(inputs, extents, output, batch, &parallel);
    }

    // The output shape of one image of the model's (one) image input at
    // height x width; ganforge::Error for a size it cannot take.
    Shape image_output_shape(std::size_t height, std::size_t width) const
        requires(Network::input_count == 1)
    {
        const ImageExtent extents[] = {{height, width}};
        return image_output_shape(extents);
    }
    Shape image_output_shape(std::span<const ImageExtent> extents) const {
        require_any_size();
        if constexpr (Network::any_size) {
            if (declared(extents)) return Network::output_shape;
            return static_cast<const Network&>(*this).any_output_shape(extents);
        }
    }

private:
    static constexpr void require_any_size() {
        static_assert(Network::any_size,
                      "predict_image: this network runs its declared size alone: the model has no image input or "
                      "is not fully convolutional, or it was generated with --fixed-size (ganforge_add_model "
                      "FIXED_SIZE)");
    }

    // The image inputs' extents are the declared ones.
    static bool declared(std::span<const ImageExtent> extents) {
        std::size_t k = 0;
        for (const Shape& s : Network::input_shapes) {
            if (!s.is_image()) continue;
            if (k >= extents.size() || !(extents[k] == ImageExtent{s.height(), s.width()})) return false;
            ++k;
        }
        return k == extents.size();
    }

    void run_image(std::span<const std::span<const float>> inputs, std::span<const ImageExtent> extents,
                   std::span<float> output, std::size_t batch, const ParallelFor* parallel) const {
        require_any_size();
        if constexpr (Network::any_size) {
            if (declared(extents))
                run_batch(inputs, output, batch, parallel);
            else
                static_cast<const Network&>(*this).run_any(inputs, extents, output, batch, parallel);
        }
    }

    // Every predict: the checks, then run_images on the whole batch, or on
    // each share of it with `parallel`.
    void run_batch(std::span<const std::span<const float>> inputs, std::span<float> output, std::size_t batch,
                   const ParallelFor* parallel) const;
};

template <typename Network>
void GeneratedNetwork<Network>::run_batch(std::span<const std::span<const float>> inputs, std::span<float> output,
                                          std::size_t batch, const ParallelFor* parallel) const {
    constexpr std::size_t count = Network::input_count;
    static constexpr std::array<std::size_t, count> input_sizes = [] {
        std::array<std::size_t, count> sizes{};
        for (std::size_t k = 0; k < count; ++k) sizes[k] = Network::input_shapes[k].size();
        return sizes;
    }();
    static constexpr std::size_t output_size = Network::output_shape.size();
    check_predict(inputs, output.size(), batch, input_sizes, output_size, Network::class_name);
    // Images [first, first + images) of the batch.
    const auto share = [&](std::size_t first, std::size_t images, const ParallelFor* steps) {
        std::array<const float*, count> from{};
        for (std::size_t k = 0; k < count; ++k) from[k] = inputs[k].data() + first * input_sizes[k];
        static_cast<const Network&>(*this).run_images(from.data(), output.data() + first * output_size, images,
                                                      steps);
    };
    if (parallel == nullptr) {
        share(0, batch, nullptr);
        return;
    }
    constexpr std::size_t macs = [] {
        std::uint64_t sum = 0;
        for (const std::uint64_t m : Network::step_macs) sum += m;
        return std::size_t(sum);
    }();
    for_each_image_share(batch, *parallel, macs, share);
}

}  // namespace ganforge::codegen::support
