// The option types layer fields use: Keras' string options as enums, and a
// pair of extents that, like Keras, accepts one number for both.
#pragma once

#include <initializer_list>
#include <string_view>

namespace ganforge {

// Keras' element-wise activation functions (keras.activations), one
// enumerator each (activations.inc), and Keras' other names for two of them.
enum class Activation {
#define GANFORGE_ACTIVATION(enumerator, keras) enumerator,
#include <ganforge/core/activations.inc>
#undef GANFORGE_ACTIVATION
    silu = swish,
    hard_swish = hard_silu,
};
inline constexpr Activation all_activations[] = {
#define GANFORGE_ACTIVATION(enumerator, keras) Activation::enumerator,
#include <ganforge/core/activations.inc>
#undef GANFORGE_ACTIVATION
};

// The slope of Keras' leaky_relu function (`activation="leaky_relu"`), which
// the LeakyReLU layer's alpha sets for the layer.
inline constexpr float leaky_relu_activation_slope = 0.2f;

enum class Padding { valid, same };

// bilinear: half-pixel centres, as Keras; bilinear_align_corners: the corner
// pixels of input and output aligned (PyTorch's align_corners=True), which no
// Keras layer does and ONNX files bring.
enum class Interpolation { nearest, bilinear, bilinear_align_corners };

// kernel_size, strides and UpSampling2D's size: `{3, 3}`, `{3, 5}` or `3`.
// Signed so that a negative value is reported by the chain check rather than
// wrapped around.
struct Size2 {
    int rows = 0;
    int cols = 0;

    constexpr Size2() = default;
    constexpr Size2(int both) : rows(both), cols(both) {}
    constexpr Size2(int r, int c) : rows(r), cols(c) {}

    constexpr bool positive() const { return rows > 0 && cols > 0; }
    friend constexpr bool operator==(const Size2&, const Size2&) = default;
};

// Conv2DTranspose's output_padding: Keras' None (the default: the output
// length that `padding` alone gives) or the rows and columns added at the end
// of a 'valid' output, `1` or `{1, 0}`. Keras then gives (in - 1) * stride +
// kernel + output_padding; positions past the last tap hold only the bias.
struct OutputPadding {
    bool given = false;
    Size2 extents{};

    constexpr OutputPadding() = default;
    constexpr OutputPadding(int both) : given(true), extents(both) {}
    constexpr OutputPadding(int r, int c) : given(true), extents(r, c) {}

    friend constexpr bool operator==(const OutputPadding&, const OutputPadding&) = default;
};

// ZeroPadding2D's padding and Cropping2D's cropping, in Keras' three forms:
// `1` (every side), `{1, 2}` (top and bottom 1, left and right 2) or
// `{{1, 2}, {0, 3}}` ({top, bottom}, {left, right}). Signed, as Size2.
struct Margins {
    int top = 0;
    int bottom = 0;
    int left = 0;
    int right = 0;

    constexpr Margins() = default;
    constexpr Margins(int all) : top(all), bottom(all), left(all), right(all) {}
    constexpr Margins(int rows, int cols) : top(rows), bottom(rows), left(cols), right(cols) {}
    constexpr Margins(Size2 rows, Size2 cols)
        : top(rows.rows), bottom(rows.cols), left(cols.rows), right(cols.cols) {}

    constexpr bool non_negative() const { return top >= 0 && bottom >= 0 && left >= 0 && right >= 0; }
    friend constexpr bool operator==(const Margins&, const Margins&) = default;
};

// PReLU's shared_axes: Keras' axes (1 is the first after the batch) along
// which one slope serves every position, `{1, 2}` for an image's height and
// width. An axis outside 1..3 is kept as such for the shape rule to report.
struct AxisSet {
    unsigned mask = 0;          // bit a: axis a
    bool valid = true;          // every axis given lies in 1..3
    int first_invalid_axis = 0; // when not valid

    constexpr AxisSet() = default;
    constexpr AxisSet(std::initializer_list<int> axes) {
        for (int a : axes) add(a);
    }
    constexpr void add(int axis) {
        if (axis >= 1 && axis <= 3) {
            mask |= 1u << axis;
        } else if (valid) {
            valid = false;
            first_invalid_axis = axis;
        }
    }
    constexpr bool has(int axis) const { return (mask >> axis) & 1u; }
    friend constexpr bool operator==(const AxisSet&, const AxisSet&) = default;
};

// Keras' spelling of each option, as in a model config and in `ganforge import`.
constexpr std::string_view keras_name(Activation a) {
    switch (a) {
#define GANFORGE_ACTIVATION(enumerator, keras) \
    case Activation::enumerator: return keras;
#include <ganforge/core/activations.inc>
#undef GANFORGE_ACTIVATION
    }
    return "?";
}

// The enumerator's own name, "hard_sigmoid_keras2": Keras' name but for the
// one Keras 2 and 3 define differently.
constexpr std::string_view enumerator_name(Activation a) {
    switch (a) {
#define GANFORGE_ACTIVATION(enumerator, keras) \
    case Activation::enumerator: return #enumerator;
#include <ganforge/core/activations.inc>
#undef GANFORGE_ACTIVATION
    }
    return "?";
}

constexpr std::string_view keras_name(Padding p) {
    return p == Padding::same ? "same" : "valid";
}

constexpr std::string_view keras_name(Interpolation i) {
    switch (i) {
        case Interpolation::nearest: return "nearest";
        case Interpolation::bilinear: return "bilinear";
        case Interpolation::bilinear_align_corners: return "bilinear_align_corners";
    }
    return "?";
}

}  // namespace ganforge
