#include <ganforge/codegen/support/network_support.hpp>

#include <new>
#include <vector>

#include <fmt/format.h>

#include <ganforge/runtime/activation.hpp>
#include <ganforge/core/error.hpp>

namespace ganforge::codegen::support {
namespace {

constexpr std::align_val_t alignment{64};

std::string describe(const LayerSpec& l) {
    return fmt::format("{} {}x{}x{} -> {}x{}x{}", keras_class_name(l.kind), l.input_shape[0],
                       l.input_shape[1], l.input_shape[2], l.output_shape[0], l.output_shape[1],
                       l.output_shape[2]);
}

bool same_layer(const LayerSpec& a, const LayerSpec& b) {
    return a.kind == b.kind && a.units == b.units && a.kernel_size == b.kernel_size &&
           a.strides == b.strides && a.size == b.size && a.padding == b.padding &&
           a.interpolation == b.interpolation && a.activation == b.activation &&
           a.use_bias == b.use_bias && a.center == b.center && a.scale == b.scale &&
           a.alpha == b.alpha && a.epsilon == b.epsilon && a.rate == b.rate &&
           a.target_shape == b.target_shape && a.input_shape == b.input_shape &&
           a.output_shape == b.output_shape;
}

}  // namespace

AlignedFloats::AlignedFloats(std::size_t count)
    : data_(static_cast<float*>(::operator new[](std::max<std::size_t>(count, 1) * sizeof(float),
                                                 alignment))),
      size_(count) {
    std::fill_n(data_.get(), count, 0.0f);
}

void AlignedFloats::Free::operator()(float* p) const { ::operator delete[](p, alignment); }

void check_model(const ModelSpec& model, Shape input, std::span<const LayerSpec> layers,
                 std::string_view class_name) {
    auto fail = [&](const std::string& what) {
        throw Error(fmt::format("{}: the weights belong to a different model: {}", class_name, what));
    };
    if (!(model.input_shape() == input))
        fail(fmt::format("its input has {} elements, this network's {}", model.input_shape().size(),
                         input.size()));
    if (model.layers.size() != layers.size())
        fail(fmt::format("it has {} layers, this network {}", model.layers.size(), layers.size()));
    const std::vector<std::string> names = keras_layer_names(model);
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (!same_layer(model.layers[i], layers[i]))
            fail(fmt::format("layer {} ({}) is {}, this network's is {} with other options", i + 1,
                             names[i], describe(model.layers[i]), describe(layers[i])));
}

void check_predict(std::size_t input_floats, std::size_t output_floats, std::size_t batch,
                   std::size_t input_size, std::size_t output_size, std::string_view class_name) {
    if (input_floats != batch * input_size)
        throw Error(fmt::format("{}::predict: input holds {} floats, batch {} of {} needs {}",
                                class_name, input_floats, batch, input_size, batch * input_size));
    if (output_floats != batch * output_size)
        throw Error(fmt::format("{}::predict: output holds {} floats, batch {} of {} needs {}",
                                class_name, output_floats, batch, output_size,
                                batch * output_size));
}

void check_step(std::size_t step, std::size_t step_count, std::string_view class_name) {
    if (step >= step_count)
        throw Error(fmt::format("{}::run_step: step {} does not exist, the plan has {} steps",
                                class_name, step, step_count));
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

}  // namespace ganforge::codegen::support
