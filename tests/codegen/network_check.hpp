// Checks a generated network against the interpreter (and a reference
// case's recorded output) on every SIMD path this CPU has, at several batch
// sizes, within 1e-5 * max(1, max |y|).
#pragma once

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <ganforge/codegen/isa.hpp>
#include <ganforge/ganforge.hpp>
#include <ganforge/runtime/tensor_layout.hpp>

namespace codegen_test {

// Reference-case-like weights: kernels glorot_uniform(seed); biases, beta
// and moving_mean U(-0.5, 0.5), gamma U(0.5, 1.5), moving_variance U(0.25, 1.5).
void randomize(ganforge::WeightStore& weights, std::uint64_t seed);

// n floats U(lo, hi), the same for the same seed.
std::vector<float> uniform(std::size_t n, std::uint64_t seed, float lo = -1.0f, float hi = 1.0f);

// The portable path and every path this CPU supports.
std::vector<ganforge::Isa> isas_here();

std::vector<float> read_floats(const std::filesystem::path& path);

// Every element of `got` within tolerance * max(1, max |want|) of `want`.
::testing::AssertionResult close(const std::vector<float>& want, const std::vector<float>& got,
                                 double tolerance);
// The same bits (NaNs included).
::testing::AssertionResult bitwise_equal(const std::vector<float>& want, const std::vector<float>& got);

// One batch of inputs for `model`: U(-1, 1), except integer labels in
// [0, input_dim) for an input an Embedding reads.
std::vector<std::vector<float>> model_inputs(const ganforge::ModelSpec& model, std::size_t batch,
                                             std::uint64_t seed);

std::vector<std::span<const float>> spans(const std::vector<std::vector<float>>& inputs);

// `batch` tensors of `shape` from layout `from` to layout `to`.
inline std::vector<float> relayout(const std::vector<float>& x, const ganforge::Shape& shape, std::size_t batch,
                                   ganforge::TensorLayout from, ganforge::TensorLayout to) {
    std::vector<float> y = x;
    if (from == ganforge::TensorLayout::nchw && to == ganforge::TensorLayout::nhwc)
        ganforge::to_channels_last(x, y, shape, batch);
    if (from == ganforge::TensorLayout::nhwc && to == ganforge::TensorLayout::nchw)
        ganforge::to_channels_first(x, y, shape, batch);
    return y;
}

// The generated network `Net` of model `M` agrees with the interpreter on
// `weights` for each batch, on every path (its images in its own layout),
// and spread over a pool of 3 threads gives its one-thread output bit for bit.
template <ganforge::Model M, typename Net>
void expect_matches_interpreter(const ganforge::WeightStore& weights, std::vector<std::size_t> batches,
                                std::uint64_t seed = 1) {
    static_assert(Net::input_shapes == M::input_shapes && Net::output_shape == M::output_shape);
    const ganforge::InterpreterCore interpreter(weights);
    for (std::size_t batch : batches) {
        const std::vector<std::vector<float>> inputs = model_inputs(weights.model(), batch, seed + batch);
        std::vector<float> want(batch * M::output_shape.size());
        interpreter.predict(spans(inputs), want, batch);
        std::vector<std::vector<float>> net_inputs;
        for (std::size_t k = 0; k < inputs.size(); ++k)
            net_inputs.push_back(relayout(inputs[k], M::input_shapes[k], batch, ganforge::TensorLayout::nhwc, Net::layout));
        ganforge::ThreadPool pool(3);
        ganforge::ParallelFor spread = pool.parallel_for();
        spread.grain_macs = 0;  // spread whatever the model's size
        for (ganforge::Isa isa : isas_here()) {
            const Net net(weights, isa);
            EXPECT_EQ(net.isa(), ganforge::isa_name(isa));
            std::vector<float> got(want.size(), std::nanf("")), threaded(want.size(), std::nanf(""));
            net.predict(spans(net_inputs), got, batch);
            net.predict(spans(net_inputs), threaded, batch, spread);
            EXPECT_TRUE(bitwise_equal(got, threaded)) << ganforge::isa_name(isa) << ", batch " << batch << ", 3 threads";
            EXPECT_TRUE(close(want, relayout(got, M::output_shape, batch, Net::layout, ganforge::TensorLayout::nhwc), 1e-5))
                << ganforge::isa_name(isa) << ", batch " << batch;
        }
    }
}

template <ganforge::Model M, typename Net>
void expect_matches_interpreter(std::vector<std::size_t> batches = {1, 7}, std::uint64_t seed = 1) {
    ganforge::Weights<M> weights;
    randomize(weights, seed);
    expect_matches_interpreter<M, Net>(weights, std::move(batches), seed);
}

// Sizes other than the declared one that a fully convolutional model takes:
// one larger with a wider than tall change, one smaller where it can (each
// image input changed alike); else twice the height.
template <typename Net>
std::vector<std::vector<ganforge::ImageExtent>> other_sizes(const Net& net) {
    std::vector<std::vector<ganforge::ImageExtent>> found;
    for (const int sign : {1, -1})
        for (std::size_t d = 1; d <= 64; d *= 2) {
            std::vector<ganforge::ImageExtent> extents;
            bool fits = true;
            for (const ganforge::Shape& s : Net::input_shapes) {
                if (!s.is_image()) continue;
                const long h = long(s.height()) + sign * long(d), w = long(s.width()) + sign * 2 * long(d);
                fits = fits && h > 0 && w > 0;
                extents.push_back({std::size_t(std::max(h, 1L)), std::size_t(std::max(w, 1L))});
            }
            if (!fits) break;
            try {
                (void)net.image_output_shape(extents);
            } catch (const ganforge::Error&) {
                continue;
            }
            found.push_back(extents);
            break;
        }
    if (found.empty()) {  // strides that need large multiples: twice the height
        std::vector<ganforge::ImageExtent> extents;
        for (const ganforge::Shape& s : Net::input_shapes)
            if (s.is_image()) extents.push_back({2 * s.height(), s.width()});
        found.push_back(extents);
    }
    return found;
}

// A fully convolutional model's generated network at other sizes
// (predict_image) agrees with the interpreter's predict_image there, at
// each batch, on every path, and 3 threads sharing each image give its
// one-thread output bit for bit. Nothing for a network of one size.
template <ganforge::Model M, typename Net>
void expect_matches_interpreter_at_other_sizes(std::vector<std::size_t> batches = {1, 2}, std::uint64_t seed = 1) {
    if constexpr (Net::any_size) {
        ganforge::Weights<M> weights;
        randomize(weights, seed);
        const ganforge::InterpreterCore interpreter(weights);
        const std::vector<std::vector<ganforge::ImageExtent>> sizes = other_sizes(Net(weights));
        ASSERT_FALSE(sizes.empty()) << "no other size found";
        ganforge::ThreadPool pool(3);
        ganforge::ParallelFor spread = pool.parallel_for();
        spread.grain_macs = 0;
        for (const std::vector<ganforge::ImageExtent>& extents : sizes)
            for (std::size_t batch : batches) {
                const ganforge::ModelSpec resized = ganforge::resized_model(weights.model(), extents);
                const std::vector<std::vector<float>> inputs = model_inputs(resized, batch, seed + batch);
                const ganforge::Shape out_shape = resized.output_shape();
                std::vector<float> want(batch * out_shape.size());
                interpreter.predict_image(spans(inputs), extents, want, batch, ganforge::ParallelFor{});
                std::vector<std::vector<float>> net_inputs;
                for (std::size_t k = 0; k < inputs.size(); ++k)
                    net_inputs.push_back(relayout(inputs[k], resized.input_shapes[k], batch,
                                                  ganforge::TensorLayout::nhwc, Net::layout));
                const std::string size = std::to_string(extents[0].height) + "x" + std::to_string(extents[0].width);
                for (ganforge::Isa isa : isas_here()) {
                    const Net net(weights, isa);
                    EXPECT_EQ(net.image_output_shape(extents), out_shape);
                    std::vector<float> got(want.size(), std::nanf("")), threaded(want.size(), std::nanf(""));
                    net.predict_image(spans(net_inputs), extents, got, batch);
                    net.predict_image(spans(net_inputs), extents, threaded, batch, spread);
                    EXPECT_TRUE(bitwise_equal(got, threaded))
                        << ganforge::isa_name(isa) << ", " << size << ", batch " << batch << ", 3 threads";
                    EXPECT_TRUE(close(want, relayout(got, out_shape, batch, Net::layout, ganforge::TensorLayout::nhwc),
                                      1e-5))
                        << ganforge::isa_name(isa) << ", " << size << ", batch " << batch;
                }
            }
    }
}

// A reference case's inputs: input.bin, or input_<k>.bin for each of several.
std::vector<std::vector<float>> case_inputs(const std::filesystem::path& folder, std::size_t inputs);

// `folder` (under the shared folder) holds a reference case: model.json,
// its inputs and output.bin (output_halfpixel.bin for bilinear upsampling,
// Keras-Python's rule), or an ONNX case: model.onnx, input.bin and
// output.bin, images NCHW. The generated network reproduces it within
// 1e-4 * max(1, max |y|), the agreed tolerance, and the interpreter within
// 1e-5. A network whose layout is the files' runs on them untransposed.
template <ganforge::Model M, typename Net>
void expect_matches_reference(const std::filesystem::path& folder) {
    using ganforge::TensorLayout;
    const bool onnx = std::filesystem::exists(folder / "model.onnx");
    const TensorLayout files = onnx ? TensorLayout::nchw : TensorLayout::nhwc;
    const ganforge::Weights<M> weights = ganforge::load_weights<M>(folder / (onnx ? "model.onnx" : "model.json"));
    const std::vector<std::vector<float>> file_inputs = case_inputs(folder, M::input_count);
    const std::size_t batch = file_inputs.front().size() / M::input_shapes[0].size();
    std::vector<std::vector<float>> interpreter_inputs, net_inputs;
    for (std::size_t k = 0; k < file_inputs.size(); ++k) {
        interpreter_inputs.push_back(relayout(file_inputs[k], M::input_shapes[k], batch, files, TensorLayout::nhwc));
        net_inputs.push_back(relayout(file_inputs[k], M::input_shapes[k], batch, files, Net::layout));
    }
    const std::filesystem::path halfpixel = folder / "output_halfpixel.bin";
    const std::vector<float> recorded_as_filed =
        read_floats(std::filesystem::exists(halfpixel) ? halfpixel : folder / "output.bin");
    ASSERT_EQ(recorded_as_filed.size(), batch * M::output_shape.size());
    const std::vector<float> recorded = relayout(recorded_as_filed, M::output_shape, batch, files, Net::layout);
    std::vector<float> interpreted(recorded.size());
    ganforge::Interpreter<M>(weights).predict(spans(interpreter_inputs), interpreted, batch);
    interpreted = relayout(interpreted, M::output_shape, batch, TensorLayout::nhwc, Net::layout);
    for (ganforge::Isa isa : isas_here()) {
        std::vector<float> got(recorded.size(), std::nanf(""));
        Net(weights, isa).predict(spans(net_inputs), got, batch);
        EXPECT_TRUE(close(recorded, got, 1e-4)) << ganforge::isa_name(isa) << " against " << folder;
        EXPECT_TRUE(close(interpreted, got, 1e-5)) << ganforge::isa_name(isa) << " against the interpreter";
    }
}

}  // namespace codegen_test
