// What generated networks call at run time, compiled once into
// ganforge::codegen_support rather than into every model: the model check,
// size checks, the per-thread scratch arena and the scalar activations the
// SIMD kernels do not vectorise. The SIMD kernels (compiled with AVX flags)
// only call the non-inline functions declared here, so no inline code
// compiled with one ISA's flags can be picked by the linker for another.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <new>
#include <span>
#include <string_view>

#include <ganforge/codegen/support/kernel_abi.hpp>
#include <ganforge/core/layer_spec.hpp>
#include <ganforge/core/model_spec.hpp>
#include <ganforge/runtime/parallel_for.hpp>

namespace ganforge::codegen::support {

// 64-byte aligned floats, zero-filled: a generated network's packed weights
// and its scratch arena. Four MiB or more start on a 2 MiB boundary and are
// backed by transparent huge pages where Linux offers them (see the .cpp).
class AlignedFloats {
public:
    AlignedFloats() = default;
    explicit AlignedFloats(std::size_t count);

    float* data() { return data_.get(); }
    const float* data() const { return data_.get(); }
    std::size_t size() const { return size_; }

private:
    struct Free {
        Free() : alignment(std::align_val_t{64}) {}
        explicit Free(std::align_val_t a) : alignment(a) {}
        void operator()(float* p) const;
        std::align_val_t alignment;
    };
    std::unique_ptr<float[], Free> data_;
    std::size_t size_ = 0;
};

// Throws ganforge::Error naming `class_name` and the first difference unless
// `model` is the model (input shapes and every layer field) the code was
// generated for.
void check_model(const ModelSpec& model, std::span<const Shape> inputs, std::span<const LayerSpec> layers,
                 std::string_view class_name);

// predict's and run_step's argument checks: ganforge::Error naming the sizes.
// predict takes one span per input, each batch x its size.
void check_predict(std::span<const std::span<const float>> inputs, std::size_t output_floats, std::size_t batch,
                   std::span<const std::size_t> input_sizes, std::size_t output_size,
                   std::string_view class_name);
void check_step(std::size_t step, std::size_t step_count, std::string_view class_name);

// A step's kernel on one ISA: `batch` images from `in` to `out`, its parts
// [first, end) (StepSchedule::parts; a step with one part runs whole).
using StepFunction = void (*)(const float* P, const float* in, float* out, std::size_t batch, std::size_t first,
                              std::size_t end);

// One step of a chunk of images: its kernel, parts and buffers.
struct StepCall {
    StepFunction step;
    std::size_t parts;
    const float* in;
    float* out;
};

// Runs `calls` in order on `batch` images. Without `parallel`, each whole on
// this thread. With it, its tasks run them together: each claims parts of the
// current call one at a time and, when none is left, waits for the call's
// last part before going on to the next call. So a worker that wakes late
// joins wherever the others are (one wake-up per chunk, not per step), the
// work balances itself, and a ParallelFor that runs its tasks one after
// another still finishes. Each task flushes denormals to zero, as predict
// does. Every part writes its own outputs with the same arithmetic, so the
// result is bit for bit the one-thread one. The first exception a part throws
// is rethrown once every task has returned (the calls after it are skipped).
void run_steps(std::span<const StepCall> calls, const float* P, std::size_t batch, const ParallelFor* parallel);

// run_steps' sharing for any kind of step: `count` steps in order, step k
// of parts(k) parts, run(k, first, end) running its parts [first, end).
void run_parts(std::size_t count, const std::function<std::size_t(std::size_t)>& parts,
               const std::function<void(std::size_t, std::size_t, std::size_t)>& run, const ParallelFor* parallel);

// This thread's scratch arena: at least `floats` floats, 64-byte aligned. It
// grows to the largest request and is then reused, so a network's predict
// allocates nothing in steady state and threads never share scratch.
float* thread_scratch(std::size_t floats);

}  // namespace ganforge::codegen::support
