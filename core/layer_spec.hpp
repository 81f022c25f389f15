// LayerSpec: one layer as plain data. The DSL's layer types, the model
// importer and every consumer (shape inference, weights, summary,
// interpreter, code generator) meet here, so a model declared in C++ and the
// same model read from a file are the same description.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include <ganforge/core/layer_options.hpp>
#include <ganforge/core/shape.hpp>

namespace ganforge {

enum class LayerKind {
    dense,
    reshape,
    flatten,
    up_sampling2d,
    conv2d,
    conv2d_transpose,
    leaky_relu,
    relu,
    activation,
    batch_normalization,
    dropout,
};

struct LayerSpec {
    LayerKind kind = LayerKind::dense;
    int units = 0;  // Dense units; Conv2D / Conv2DTranspose filters
    Size2 kernel_size{1, 1};
    Size2 strides{1, 1};
    Size2 size{1, 1};  // UpSampling2D
    Padding padding = Padding::valid;
    Interpolation interpolation = Interpolation::nearest;
    Activation activation = Activation::linear;
    bool use_bias = false;
    bool center = false;  // BatchNormalization beta
    bool scale = false;   // BatchNormalization gamma
    float alpha = 0.0f;   // LeakyReLU
    float epsilon = 0.0f; // BatchNormalization
    float rate = 0.0f;    // Dropout
    Shape target_shape{}; // Reshape
    // Filled by shape inference (infer_shapes), not by the layer.
    Shape input_shape{};
    Shape output_shape{};
};

// Keras' class name, as the summary and a model config spell it.
constexpr std::string_view keras_class_name(LayerKind k) {
    switch (k) {
        case LayerKind::dense: return "Dense";
        case LayerKind::reshape: return "Reshape";
        case LayerKind::flatten: return "Flatten";
        case LayerKind::up_sampling2d: return "UpSampling2D";
        case LayerKind::conv2d: return "Conv2D";
        case LayerKind::conv2d_transpose: return "Conv2DTranspose";
        case LayerKind::leaky_relu: return "LeakyReLU";
        case LayerKind::relu: return "ReLU";
        case LayerKind::activation: return "Activation";
        case LayerKind::batch_normalization: return "BatchNormalization";
        case LayerKind::dropout: return "Dropout";
    }
    return "?";
}

// Keras' default layer name stem (`dense`, `up_sampling2d`, `leaky_re_lu`).
constexpr std::string_view keras_name_stem(LayerKind k) {
    switch (k) {
        case LayerKind::dense: return "dense";
        case LayerKind::reshape: return "reshape";
        case LayerKind::flatten: return "flatten";
        case LayerKind::up_sampling2d: return "up_sampling2d";
        case LayerKind::conv2d: return "conv2d";
        case LayerKind::conv2d_transpose: return "conv2d_transpose";
        case LayerKind::leaky_relu: return "leaky_re_lu";
        case LayerKind::relu: return "re_lu";
        case LayerKind::activation: return "activation";
        case LayerKind::batch_normalization: return "batch_normalization";
        case LayerKind::dropout: return "dropout";
    }
    return "?";
}

// The role of a weight tensor, named as Keras names the variable.
enum class WeightRole { kernel, bias, gamma, beta, moving_mean, moving_variance };

constexpr std::string_view keras_name(WeightRole r) {
    switch (r) {
        case WeightRole::kernel: return "kernel";
        case WeightRole::bias: return "bias";
        case WeightRole::gamma: return "gamma";
        case WeightRole::beta: return "beta";
        case WeightRole::moving_mean: return "moving_mean";
        case WeightRole::moving_variance: return "moving_variance";
    }
    return "?";
}

struct TensorSpec {
    WeightRole role = WeightRole::kernel;
    std::array<std::size_t, 4> dims{};
    std::size_t rank = 0;
    bool trainable = true;

    constexpr std::size_t size() const {
        std::size_t n = 1;
        for (std::size_t i = 0; i < rank; ++i) n *= dims[i];
        return n;
    }
};

// A layer's weights in Keras' get_weights() order and layout: Dense kernel
// [in, out]; Conv2D kernel [kh, kw, in, out]; Conv2DTranspose kernel
// [kh, kw, out, in]; bias [out]; BatchNormalization gamma, beta,
// moving_mean, moving_variance (gamma absent when scale is off, beta when
// center is off). Needs the layer's input_shape.
struct LayerTensors {
    std::array<TensorSpec, 4> tensors{};
    std::size_t count = 0;

    constexpr const TensorSpec* begin() const { return tensors.data(); }
    constexpr const TensorSpec* end() const { return tensors.data() + count; }
    constexpr void add(WeightRole role, std::array<std::size_t, 4> dims, std::size_t rank,
                       bool trainable = true) {
        tensors[count++] = TensorSpec{role, dims, rank, trainable};
    }
};

constexpr LayerTensors layer_tensors(const LayerSpec& l) {
    LayerTensors t;
    const std::size_t in = l.input_shape.channels();
    const auto units = static_cast<std::size_t>(l.units);
    const auto kh = static_cast<std::size_t>(l.kernel_size.rows);
    const auto kw = static_cast<std::size_t>(l.kernel_size.cols);
    switch (l.kind) {
        case LayerKind::dense:
            t.add(WeightRole::kernel, {in, units}, 2);
            if (l.use_bias) t.add(WeightRole::bias, {units}, 1);
            break;
        case LayerKind::conv2d:
            t.add(WeightRole::kernel, {kh, kw, in, units}, 4);
            if (l.use_bias) t.add(WeightRole::bias, {units}, 1);
            break;
        case LayerKind::conv2d_transpose:
            t.add(WeightRole::kernel, {kh, kw, units, in}, 4);
            if (l.use_bias) t.add(WeightRole::bias, {units}, 1);
            break;
        case LayerKind::batch_normalization:
            if (l.scale) t.add(WeightRole::gamma, {in}, 1);
            if (l.center) t.add(WeightRole::beta, {in}, 1);
            t.add(WeightRole::moving_mean, {in}, 1, false);
            t.add(WeightRole::moving_variance, {in}, 1, false);
            break;
        default:
            break;
    }
    return t;
}

struct ParamCount {
    std::size_t trainable = 0;
    std::size_t non_trainable = 0;
    constexpr std::size_t total() const { return trainable + non_trainable; }
};

constexpr ParamCount layer_params(const LayerSpec& l) {
    ParamCount p;
    for (const TensorSpec& t : layer_tensors(l))
        (t.trainable ? p.trainable : p.non_trainable) += t.size();
    return p;
}

constexpr ParamCount count_params(std::span<const LayerSpec> layers) {
    ParamCount p;
    for (const LayerSpec& l : layers) {
        const ParamCount q = layer_params(l);
        p.trainable += q.trainable;
        p.non_trainable += q.non_trainable;
    }
    return p;
}

}  // namespace ganforge
