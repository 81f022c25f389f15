// The vocabulary of Keras' shape rules: a fault's wording (FaultText), built
// where the fault is found, so that the DSL's static_assert and the
// importer's error message say the same; what one layer's rule gives (a
// shape or a fault); and the formulas several layers and the code generator
// share.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

// A number kept in millionths (Dropout's rate), written as {fmt} writes the
// double count / 1e6: the shortest decimal, in exponent form below 1e-4 (the
// exact decimal, which is the shortest for counts of fewer than 16 digits).
struct Millionths {
    long long count = 0;
};

// What is wrong, in words: "target_shape holds 3175 values, its input 3200".
// Built by the same constexpr code at compile time and at run time, where the
// fault is found (a layer's shape rule in core/layers/, or shape inference).
// A structural type holding its characters alone, so that the compiler
// prints it as a string when it is a template argument (the DSL's
// diagnostic); text beyond its capacity is cut.
struct FaultText {
    static constexpr std::size_t capacity = 191;
    char chars[capacity + 1]{};

    constexpr bool empty() const { return chars[0] == '\0'; }
    constexpr std::size_t size() const {
        std::size_t n = 0;
        while (chars[n] != '\0') ++n;
        return n;
    }
    constexpr std::string_view view() const { return {chars, size()}; }

    constexpr void append(std::string_view s) {
        std::size_t n = size();
        for (char c : s)
            if (n < capacity) chars[n++] = c;
    }
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    constexpr void append(T v) {
        unsigned long long magnitude = (unsigned long long)v;
        if constexpr (std::is_signed_v<T>) {
            if (v < 0) {
                append("-");
                magnitude = 0ull - magnitude;
            }
        }
        char digits[20]{};
        std::size_t first = sizeof digits;
        do {
            digits[--first] = char('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude != 0);
        append(std::string_view(digits + first, sizeof digits - first));
    }
    // "(3, 5)": kernel_size, strides and the like.
    constexpr void append(const Size2& s) {
        append("(");
        append(s.rows);
        append(", ");
        append(s.cols);
        append(")");
    }
    // "(5, 5, 128)", "(3200)": as fmt prints a Shape (shape_format.hpp).
    constexpr void append(const Shape& s) {
        append("(");
        for (std::size_t i = 0; i < s.rank(); ++i) {
            if (i > 0) append(", ");
            append(s[i]);
        }
        append(")");
    }
    constexpr void append(Millionths m) {
        unsigned long long magnitude = (unsigned long long)m.count;
        if (m.count < 0) {
            append("-");
            magnitude = 0ull - magnitude;
        }
        if (magnitude == 0 || magnitude >= 100) {  // 0.0001 and above: fixed
            append(magnitude / 1'000'000);
            append_fraction(magnitude % 1'000'000, 6);
        } else if (magnitude >= 10) {  // 1e-05 to 9.9e-05
            append(magnitude / 10);
            append_fraction(magnitude % 10, 1);
            append("e-05");
        } else {
            append(magnitude);
            append("e-06");
        }
    }

private:
    // ".25" for 250000 in 6 places; nothing for 0.
    constexpr void append_fraction(unsigned long long fraction, int places) {
        if (fraction == 0) return;
        while (fraction % 10 == 0) {
            fraction /= 10;
            --places;
        }
        char digits[20]{};
        for (int i = places - 1; i >= 0; --i, fraction /= 10) digits[i] = char('0' + fraction % 10);
        append(".");
        append(std::string_view(digits, std::size_t(places)));
    }
};

// A fault's text from its parts: words, numbers, shapes.
template <typename... Parts>
constexpr FaultText fault(const Parts&... parts) {
    FaultText t;
    (t.append(parts), ...);
    return t;
}

struct ChainError {
    std::size_t layer = 0;  // 1-based position after the inputs, as Keras' model.layers; 0: the inputs
    LayerKind kind = LayerKind::dense;
    FaultText text{};  // empty: no fault

    constexpr explicit operator bool() const { return !text.empty(); }
};

// What one layer's shape rule gives for the tensors it reads: its output
// shape, or its first fault.
struct ShapeOutcome {
    Shape shape{};
    FaultText fault{};

    constexpr ShapeOutcome(Shape s) : shape(s) {}
    constexpr ShapeOutcome(const FaultText& f) : fault(f) {}
};

namespace shape_rules {

constexpr long long conv_output(long long in, int k, int s, Padding p) {
    if (p == Padding::same) return (in + s - 1) / s;
    return (in - k) / s + 1;
}

// Keras' deconv_output_length; `output_padding` < 0 is Keras' None.
constexpr long long conv_transpose_output(long long in, int k, int s, Padding p, int output_padding = -1) {
    if (output_padding >= 0) return (in - 1) * s + k + output_padding;
    if (p == Padding::same) return in * s;
    return in * s + (k > s ? k - s : 0);
}

// The zeros a 'same' convolution adds around one axis, max((out - 1) * s +
// k - in, 0) in all; the smaller half goes before. 'valid' adds none.
constexpr long long conv_padding(long long in, long long out, int k, int s, Padding p) {
    const long long total = (out - 1) * s + k - in;
    return p == Padding::same && total > 0 ? total : 0;
}
constexpr long long conv_padding_before(long long in, long long out, int k, int s, Padding p) {
    return conv_padding(in, out, k, s, p) / 2;
}

// What a 'same' transposed convolution crops before its output on one axis:
// the smaller half of max(k - s, 0); the rest goes after.
constexpr long long conv_transpose_crop_before(int k, int s, Padding p) {
    return p == Padding::same && k > s ? (k - s) / 2 : 0;
}

// Concatenate's axis as an index into a Shape of `rank` (no batch axis), or
// -1 when Keras would refuse it: -1 is the last axis, 0 the batch axis.
constexpr long long concat_axis(int axis, std::size_t rank) {
    const long long a = axis < 0 ? axis + (long long)rank + 1 : axis;
    return a >= 1 && a <= (long long)rank ? a - 1 : -1;
}

// A merge's output: its inputs must agree on every axis but `axis` (-1:
// every axis, as Add and Multiply need), along which they are joined. The
// first input that does not is the fault: "input 1 (8) and input 2 (3)
// differ", then the merge's own reason, `why`.
constexpr ShapeOutcome merged(std::span<const Shape> in, long long axis, const FaultText& why) {
    Shape out = in[0];
    for (std::size_t j = 1; j < in.size(); ++j) {
        bool differ = in[j].rank() != in[0].rank();
        for (std::size_t a = 0; a < in[0].rank() && !differ; ++a)
            differ = (long long)a != axis && in[j][a] != in[0][a];
        if (differ) return fault("input 1 ", in[0], " and input ", j + 1, " ", in[j], " differ", why.view());
        if (axis >= 0) out.extents[std::size_t(axis)] += in[j][std::size_t(axis)];
    }
    return out;
}

// Add's and Multiply's rule (`kind`): equal shapes, element by element.
constexpr ShapeOutcome elementwise_merged(std::span<const Shape> in, LayerKind kind) {
    return merged(in, -1, fault("; ", keras_class_name(kind), " needs equal shapes (it does not broadcast)"));
}

// ZeroPadding2D's padding or Cropping2D's cropping (`field`), when negative.
constexpr std::optional<FaultText> margins_fault(std::string_view field, const Margins& m) {
    if (m.non_negative()) return std::nullopt;
    return fault(field, " must not be negative, got ((", m.top, ", ", m.bottom, "), (", m.left, ", ", m.right, "))");
}

// Conv2D's and Conv2DTranspose's fields as plain data (their DSL types
// declare the same fields, as Keras' two classes do).
constexpr LayerSpec convolution_spec(LayerKind kind, int filters, Size2 kernel_size, Size2 strides, Padding padding,
                                     Activation activation, bool use_bias) {
    LayerSpec s{.kind = kind, .units = filters, .kernel_size = kernel_size, .strides = strides, .padding = padding};
    s.activation = activation;
    s.use_bias = use_bias;
    return s;
}

// Conv2D's and Conv2DTranspose's checks on their own fields: the first
// fault, or none.
constexpr std::optional<FaultText> convolution_fault(const LayerSpec& l) {
    if (l.units <= 0) return fault("filters must be positive, got ", l.units);
    if (!l.kernel_size.positive())
        return fault("kernel_size must be positive, got ", l.kernel_size);
    if (!l.strides.positive()) return fault("strides must be positive, got ", l.strides);
    return std::nullopt;
}

}  // namespace shape_rules
}  // namespace ganforge
