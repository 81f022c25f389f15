// LayerSpec: one layer as plain data. The DSL's layer types, the model
// importer and every consumer (shape inference, weights, summary,
// interpreter, code generator) meet here, so a model declared in C++ and the
// same model read from a file are the same description.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <ganforge/core/layer_options.hpp>
#include <ganforge/core/shape.hpp>

namespace ganforge {

enum class LayerKind {
#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem) kind,
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND
};

// A tensor a layer reads: model input `index` (in the model's input order),
// or the output of layer `index`, which comes earlier in the model.
struct TensorRef {
    bool model_input = false;
    std::size_t index = 0;

    friend constexpr bool operator==(const TensorRef&, const TensorRef&) = default;
};

// How many tensors one layer may read (a Concatenate's list); a model file
// with more is refused.
inline constexpr std::size_t max_layer_inputs = 16;

struct LayerSpec {
    LayerKind kind = LayerKind::dense;
    int units = 0;  // Dense units; Conv2D / Conv2DTranspose filters; Embedding output_dim
    int input_dim = 0;  // Embedding: the number of labels
    Size2 kernel_size{1, 1};
    Size2 strides{1, 1};
    Size2 size{1, 1};  // UpSampling2D
    Padding padding = Padding::valid;
    OutputPadding output_padding{};  // Conv2DTranspose
    Interpolation interpolation = Interpolation::nearest;
    Activation activation = Activation::linear;
    bool use_bias = false;
    bool center = false;  // BatchNormalization, GroupNormalization beta
    bool scale = false;   // BatchNormalization, GroupNormalization gamma
    float alpha = 0.0f;   // LeakyReLU
    float epsilon = 0.0f; // BatchNormalization, GroupNormalization
    float rate = 0.0f;    // Dropout
    Shape target_shape{}; // Reshape
    int axis = -1;        // Concatenate, GroupNormalization: Keras' numbering (the batch axis is 0)
    Margins margins{};    // ZeroPadding2D, ReflectionPadding2D, ReplicationPadding2D padding; Cropping2D cropping
    int block_size = 0;   // DepthToSpace, SpaceToDepth
    float multiplier = 1.0f;  // Rescaling scale
    float offset = 0.0f;      // Rescaling offset
    AxisSet shared_axes{};    // PReLU
    int groups = 0;           // GroupNormalization; -1: one per channel (instance normalization)
    // The tensors the layer reads, in call order. Left empty, the layer reads
    // the previous layer's output (the model's first input for the first
    // layer): a chain. Shape inference fills it in either way.
    std::array<TensorRef, max_layer_inputs> inbound{};
    std::size_t inbound_count = 0;
    // Filled by shape inference (infer_shapes), not by the layer; input_shape
    // is the first inbound tensor's.
    Shape input_shape{};
    Shape output_shape{};
};

// The `affine` fact (core/layer_types.hpp) of a layer whose `activation`
// field is applied last to an affine map: affine while that is linear.
constexpr bool activation_is_linear(const LayerSpec& l) { return l.activation == Activation::linear; }

// Keras' class name, as the summary and a model config spell it.
constexpr std::string_view keras_class_name(LayerKind k) {
    switch (k) {
#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem) \
    case LayerKind::kind: return keras_class;
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND
    }
    return "?";
}

// Keras' default layer name stem (`dense`, `up_sampling2d`, `leaky_re_lu`).
constexpr std::string_view keras_name_stem(LayerKind k) {
    switch (k) {
#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem) \
    case LayerKind::kind: return stem;
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND
    }
    return "?";
}

// The role of a weight tensor, named as Keras names the variable.
enum class WeightRole { kernel, bias, gamma, beta, moving_mean, moving_variance, embeddings, alpha };

constexpr std::string_view keras_name(WeightRole r) {
    switch (r) {
        case WeightRole::kernel: return "kernel";
        case WeightRole::bias: return "bias";
        case WeightRole::gamma: return "gamma";
        case WeightRole::beta: return "beta";
        case WeightRole::moving_mean: return "moving_mean";
        case WeightRole::moving_variance: return "moving_variance";
        case WeightRole::embeddings: return "embeddings";
        case WeightRole::alpha: return "alpha";
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

// A layer's weights in Keras' get_weights() order and layout (each layer's
// type lists its own: core/layers/).
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

}  // namespace ganforge
