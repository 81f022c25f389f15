#include <ganforge/codegen/support/network_support.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <functional>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <fmt/format.h>

#include "runtime/activation.hpp"
#include <ganforge/core/error.hpp>
#include <ganforge/core/flush_denormals.hpp>
#include <ganforge/core/shape_format.hpp>

namespace ganforge::codegen::support {
namespace {

// Weights streamed from memory touch a new 4 KiB page every 64 cache lines;
// on 2 MiB pages the TLB misses all but vanish, which shortens a step that
// streams tens of MB of weights a call (dcgan64's first transposed
// convolution at batch 1). Buffers of two huge pages or
// more are aligned to one and advised to use them; Linux backs them so when
// transparent huge pages are set to "madvise" or "always".
constexpr std::size_t huge_page = std::size_t(2) << 20;

std::align_val_t alignment_for(std::size_t bytes) {
    return std::align_val_t{bytes >= 2 * huge_page ? huge_page : 64};
}

// A spin-wait hint to the CPU (x86's pause), else nothing.
void pause() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#endif
}

std::string describe(const LayerSpec& l) {
    return fmt::format("{} {} -> {}", keras_class_name(l.kind), shape_extents(l.input_shape, "x"),
                       shape_extents(l.output_shape, "x"));
}

bool same_layer(const LayerSpec& a, const LayerSpec& b) {
    return a.kind == b.kind && a.units == b.units && a.kernel_size == b.kernel_size &&
           a.strides == b.strides && a.size == b.size && a.padding == b.padding &&
           a.output_padding == b.output_padding &&
           a.interpolation == b.interpolation && a.activation == b.activation &&
           a.use_bias == b.use_bias && a.center == b.center && a.scale == b.scale &&
           a.alpha == b.alpha && a.epsilon == b.epsilon && a.rate == b.rate &&
           a.target_shape == b.target_shape && a.input_dim == b.input_dim && a.axis == b.axis &&
           a.margins == b.margins && a.block_size == b.block_size && a.multiplier == b.multiplier &&
           a.offset == b.offset && a.shared_axes == b.shared_axes && a.groups == b.groups &&
           a.inbound == b.inbound && a.inbound_count == b.inbound_count &&
           a.input_shape == b.input_shape && a.output_shape == b.output_shape;
}

}  // namespace

AlignedFloats::AlignedFloats(std::size_t count) : size_(count) {
    const std::size_t bytes = std::max<std::size_t>(count, 1) * sizeof(float);
    const std::align_val_t alignment = alignment_for(bytes);
    data_ = {static_cast<float*>(::operator new[](bytes, alignment)), Free{alignment}};
#ifdef MADV_HUGEPAGE
    // Advice only: where it is refused, the pages stay small.
    if (alignment == std::align_val_t{huge_page}) madvise(data_.get(), bytes / huge_page * huge_page, MADV_HUGEPAGE);
#endif
    std::fill_n(data_.get(), count, 0.0f);
}

void AlignedFloats::Free::operator()(float* p) const { ::operator delete[](p, alignment); }

void check_model(const ModelSpec& model, std::span<const Shape> inputs, std::span<const LayerSpec> layers,
                 std::string_view class_name) {
    auto fail = [&](const std::string& what) {
        throw Error(fmt::format("{}: the weights belong to a different model: {}", class_name, what));
    };
    if (model.input_shapes.size() != inputs.size())
        fail(fmt::format("it has {} inputs, this network {}", model.input_shapes.size(), inputs.size()));
    for (std::size_t k = 0; k < inputs.size(); ++k)
        if (!(model.input_shapes[k] == inputs[k]))
            fail(fmt::format("its input {} is {}, this network's {}", k, shape_extents(model.input_shapes[k], "x"),
                             shape_extents(inputs[k], "x")));
    if (model.layers.size() != layers.size())
        fail(fmt::format("it has {} layers, this network {}", model.layers.size(), layers.size()));
    const std::vector<std::string> names = keras_layer_names(model);
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (!same_layer(model.layers[i], layers[i]))
            fail(fmt::format("layer {} ({}) is {}, this network's is {} with other options", i + 1,
                             names[i], describe(model.layers[i]), describe(layers[i])));
}

void check_predict(std::span<const std::span<const float>> inputs, std::size_t output_floats, std::size_t batch,
                   std::span<const std::size_t> input_sizes, std::size_t output_size,
                   std::string_view class_name) {
    const std::size_t count = input_sizes.size();
    if (inputs.size() != count)
        throw Error(fmt::format("{}::predict: {} input spans given, the model has {} input{}", class_name,
                                inputs.size(), count, count == 1 ? "" : "s"));
    for (std::size_t k = 0; k < count; ++k)
        if (inputs[k].size() != batch * input_sizes[k])
            throw Error(fmt::format("{}::predict: input{} holds {} floats, batch {} of {} needs {}", class_name,
                                    count == 1 ? "" : fmt::format(" {}", k), inputs[k].size(), batch,
                                    input_sizes[k], batch * input_sizes[k]));
    if (output_floats != batch * output_size)
        throw Error(fmt::format("{}::predict: output holds {} floats, batch {} of {} needs {}", class_name,
                                output_floats, batch, output_size, batch * output_size));
}

void check_step(std::size_t step, std::size_t step_count, std::string_view class_name) {
    if (step >= step_count)
        throw Error(fmt::format("{}::run_step: step {} does not exist, the plan has {} steps",
                                class_name, step, step_count));
}

void run_parts(std::size_t count, const std::function<std::size_t(std::size_t)>& parts,
               const std::function<void(std::size_t, std::size_t, std::size_t)>& run, const ParallelFor* parallel) {
    std::size_t most = 1;
    for (std::size_t k = 0; k < count; ++k) most = std::max(most, parts(k));
    const std::size_t width = parallel && parallel->run ? std::min(parallel->width, most) : 1;
    if (width <= 1) {
        for (std::size_t k = 0; k < count; ++k) run(k, 0, parts(k));
        return;
    }
    struct Progress {
        std::atomic<std::size_t> claimed{0}, done{0};
    };
    const std::unique_ptr<Progress[]> progress(new Progress[count]);
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::exception_ptr error;
    parallel->run(width, [&](std::size_t) {
        const FlushDenormals flush;
        for (std::size_t k = 0; k < count && !failed.load(); ++k) {
            const std::size_t n = parts(k);
            Progress& p = progress[k];
            for (std::size_t part; (part = p.claimed.fetch_add(1)) < n;) {
                try {
                    if (!failed.load()) run(k, part, part + 1);
                } catch (...) {
                    const std::lock_guard lock(mutex);
                    if (!error) error = std::current_exception();
                    failed = true;
                }
                p.done.fetch_add(1, std::memory_order_release);
            }
            // The parts others claimed take at most one part's time: spin, then
            // give the core away if they are not running.
            for (unsigned spins = 0; p.done.load(std::memory_order_acquire) < n; ++spins) {
                if (spins < 4096)
                    pause();
                else
                    std::this_thread::yield();
            }
        }
    });
    if (error) std::rethrow_exception(error);
}

void run_steps(std::span<const StepCall> calls, const float* P, std::size_t batch, const ParallelFor* parallel) {
    run_parts(
        calls.size(), [&](std::size_t k) { return calls[k].parts; },
        [&](std::size_t k, std::size_t first, std::size_t end) {
            const StepCall& c = calls[k];
            c.step(P, c.in, c.out, batch, first, end);
        },
        parallel);
}

float* thread_scratch(std::size_t floats) {
    thread_local AlignedFloats arena;
    if (arena.size() < floats) arena = AlignedFloats(floats);
    return arena.data();
}

void activate_span(int activation, float* values, std::size_t count) {
    const auto a = static_cast<Activation>(activation);
    for (std::size_t i = 0; i < count; ++i) values[i] = activate(a, values[i]);
}

std::size_t embedding_row(float label, int input_dim, const char* layer) {
    const float row = std::trunc(label);
    if (!(row >= 0.0f && row < float(input_dim)))
        throw Error(fmt::format("Embedding ({}): label {} is outside [0, {})", layer, label, input_dim));
    return std::size_t(row);
}

}  // namespace ganforge::codegen::support
