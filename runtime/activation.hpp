// Keras' activation functions on one float, as TensorFlow computes them. NaN
// in gives NaN out (relu and the shrinks included, where TensorFlow's
// compare-and-select would give 0); the interpreter and the generated code's
// scalar path both use these, and the generated vector forms of the
// piecewise ones (codegen support/simd_math.hpp) are written to agree.
#pragma once

#include <cmath>

#include <ganforge/core/layer_options.hpp>

namespace ganforge {

inline float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

// log(1 + e^x) without overflow.
inline float softplus(float x) { return std::log1p(std::exp(-std::fabs(x))) + (x > 0.0f ? x : 0.0f); }

// lo below lo, hi above hi, NaN kept.
inline float clip(float x, float lo, float hi) { return x < lo ? lo : x > hi ? hi : x; }

inline float leaky_relu(float x, float alpha) { return x > 0.0f ? x : alpha * x; }

// Keras 3's hard_sigmoid, relu6(x + 3) / 6, divided as TensorFlow divides.
inline float hard_sigmoid(float x) { return clip(x + 3.0f, 0.0f, 6.0f) / 6.0f; }

// Keras' default threshold of soft_shrink and hard_shrink.
inline constexpr float shrink_threshold = 0.5f;

inline float activate(Activation a, float x) {
    switch (a) {
        case Activation::linear: return x;
        case Activation::relu: return x < 0.0f ? 0.0f : x;
        case Activation::sigmoid: return sigmoid(x);
        case Activation::tanh: return std::tanh(x);
        case Activation::elu:
        case Activation::celu:  // alpha 1: max(x, 0) + expm1(min(x, 0)), the same function
            return x > 0.0f ? x : std::expm1(x);
        case Activation::selu: {
            constexpr float alpha = 1.6732632423543772f, scale = 1.0507009873554805f;
            return scale * (x > 0.0f ? x : alpha * std::expm1(x));
        }
        case Activation::softplus: return softplus(x);
        case Activation::softsign: return x / (1.0f + std::fabs(x));
        case Activation::swish: return x * sigmoid(x);
        case Activation::exponential: return std::exp(x);
        case Activation::relu6: return clip(x, 0.0f, 6.0f);
        case Activation::leaky_relu: return leaky_relu(x, leaky_relu_activation_slope);
        case Activation::gelu: return 0.5f * x * (1.0f + std::erf(x / 1.41421356237309505f));
        case Activation::hard_sigmoid: return hard_sigmoid(x);
        case Activation::hard_sigmoid_keras2: return clip(0.2f * x + 0.5f, 0.0f, 1.0f);
        case Activation::hard_silu: return x * hard_sigmoid(x);
        case Activation::hard_tanh: return clip(x, -1.0f, 1.0f);
        case Activation::mish: return x * std::tanh(softplus(x));
        case Activation::log_sigmoid: return -softplus(-x);
        case Activation::tanh_shrink: return x - std::tanh(x);
        case Activation::soft_shrink: {
            constexpr float t = shrink_threshold;
            return x >= -t && x <= t ? 0.0f : x > t ? x - t : x + t;
        }
        case Activation::hard_shrink: {
            constexpr float t = shrink_threshold;
            return x >= -t && x <= t ? 0.0f : x;
        }
        case Activation::sparse_plus: {
            const float y = x + 1.0f;
            return x <= -1.0f ? 0.0f : x < 1.0f ? 0.25f * (y * y) : x;
        }
        case Activation::sparse_sigmoid: return x <= -1.0f ? 0.0f : x >= 1.0f ? 1.0f : 0.5f * (x + 1.0f);
        case Activation::squareplus: {
            // (x + sqrt(x^2 + b)) / 2 with Keras' b = 4. As written it loses
            // every digit to cancellation as x goes to -inf and overflows
            // in x^2 beyond 1.8e19 (and in the sum near the largest float);
            // hypot for the root, halves summed, and below 0 the same value
            // as b / 2 / (sqrt(x^2 + b) - x) keep them.
            const float root = std::hypot(x, 2.0f);  // sqrt(x^2 + 4)
            return x >= 0.0f ? x / 2.0f + root / 2.0f : 2.0f / (root - x);
        }
    }
    return x;
}

}  // namespace ganforge
