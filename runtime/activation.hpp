// Keras' activation functions on one float, as TensorFlow computes them. NaN
// in gives NaN out (relu included); the interpreter and the generated code's
// scalar path both use these.
#pragma once

#include <cmath>

#include <ganforge/core/layer_options.hpp>

namespace ganforge {

inline float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

inline float activate(Activation a, float x) {
    switch (a) {
        case Activation::linear: return x;
        case Activation::relu: return x < 0.0f ? 0.0f : x;
        case Activation::sigmoid: return sigmoid(x);
        case Activation::tanh: return std::tanh(x);
        case Activation::elu: return x > 0.0f ? x : std::expm1(x);
        case Activation::selu: {
            constexpr float alpha = 1.6732632423543772f, scale = 1.0507009873554805f;
            return scale * (x > 0.0f ? x : alpha * std::expm1(x));
        }
        case Activation::softplus:  // log(1 + e^x) without overflow
            return std::log1p(std::exp(-std::fabs(x))) + (x > 0.0f ? x : 0.0f);
        case Activation::softsign: return x / (1.0f + std::fabs(x));
        case Activation::swish: return x * sigmoid(x);
        case Activation::exponential: return std::exp(x);
    }
    return x;
}

inline float leaky_relu(float x, float alpha) { return x > 0.0f ? x : alpha * x; }

}  // namespace ganforge
