// The operators that give the same values new dims (Reshape, Flatten,
// Squeeze, Unsqueeze), on tensors and on constants. ganforge holds images
// channels last where PyTorch holds them channel first, so a reshape of a
// tensor keeps its meaning only where both orders agree, or where the
// features it turns into an image come from a Dense whose outputs can be
// reordered once. A constant's values keep ONNX's order.
#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "runtime/import_limits.hpp"
#include "readers/onnx_channel_order.hpp"
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

// Whether ganforge holds the values in ONNX's order: flat, or an image of one
// channel or one pixel.
bool same_order(const Dims& d) { return d.size() != 3 || d[0] == 1 || d[1] * d[2] == 1; }

// The outputs of a Dense (and the per-feature parameters of the layers
// after it) moved from PyTorch's [C, H, W] order to ganforge's [H, W, C].
void reorder_features(Translator& t, const std::vector<std::size_t>& layers, const Dims& chw) {
    const std::size_t c = std::size_t(chw[0]), h = std::size_t(chw[1]), w = std::size_t(chw[2]);
    std::vector<std::size_t> from(c * h * w);  // ganforge's feature i is PyTorch's from[i]
    for (std::size_t y = 0; y < h; ++y)
        for (std::size_t x = 0; x < w; ++x)
            for (std::size_t k = 0; k < c; ++k) from[(y * w + x) * c + k] = k * h * w + y * w + x;
    for (const std::size_t layer : layers)
        for (std::vector<float>& tensor : t.weights(layer)) reorder_axis(tensor, 1, from);
}

// x as ONNX dims `dims`: no layer where ganforge's values stay as they
// are, a Reshape where the order agrees, and a Reshape after reordering
// the features of the Dense that computes x where a flat tensor becomes
// an image.
void reshape_to(Translator& t, OnnxNode& n, const Value& x, const Dims& dims) {
    if (count_of(dims) != count_of(x.dims))
        n.attributes.fail(fmt::format("it reshapes {} values into [{}]", count_of(x.dims), fmt::join(dims, ", ")));
    const Shape from = ganforge_shape(x.dims), to = ganforge_shape(dims);
    if (from == to) {
        Value v = x;
        v.dims = dims;
        v.feature_layers = t.inherited(n, x);
        return t.set_output(n, std::move(v));
    }
    const bool orders_agree = same_order(x.dims) && same_order(dims);
    if (!orders_agree) {
        const std::vector<std::size_t> features = t.inherited(n, x);
        if (x.dims.size() == 3)
            n.attributes.fail(fmt::format(
                "it flattens or reshapes a [{}] image in PyTorch's channel-first order, which ganforge (channels "
                "last) cannot do without a transpose",
                fmt::join(x.dims, ", ")));
        if (features.empty())
            n.attributes.fail(fmt::format(
                "it makes the [{}] image of a tensor that no Linear (Gemm or MatMul) alone computes; ganforge "
                "holds images channels last and reorders a Linear's outputs to match PyTorch's view",
                fmt::join(dims, ", ")));
        reorder_features(t, features, dims);
    }
    LayerSpec l{.kind = LayerKind::reshape};
    l.target_shape = to;
    t.set_output(n, t.layer_value(t.add_layer(n, l, {x.ref}, n.name), dims));
}

// The axes of Squeeze / Unsqueeze: an attribute before opset 13, then an input.
Dims axes_of(Translator& t, OnnxNode& n) {
    if (t.opset() < 13) return n.attributes.integers("axes", {});
    if (!t.has_input(n, 1)) return {};
    return t.integers(n, 1, "axes");
}

// `full` (all the dims of input 0) after Squeeze or Unsqueeze.
Dims squeezed(Translator& t, OnnxNode& n, Dims full, bool unsqueeze) {
    Dims axes = axes_of(t, n);
    const long long rank = (long long)full.size() + (unsqueeze ? (long long)axes.size() : 0);
    for (long long& a : axes) {
        if (a < -rank || a >= rank) n.attributes.fail(fmt::format("axis {} is out of range", a));
        if (a < 0) a += rank;
    }
    std::sort(axes.begin(), axes.end());
    if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) n.attributes.fail("an axis appears twice");
    if (unsqueeze)
        for (const long long a : axes) full.insert(full.begin() + a, 1);
    else {
        if (axes.empty())
            for (long long i = 0; i < (long long)full.size(); ++i)
                if (full[std::size_t(i)] == 1) axes.push_back(i);
        for (auto a = axes.rbegin(); a != axes.rend(); ++a) {
            if (full[std::size_t(*a)] != 1) n.attributes.fail(fmt::format("axis {} does not have size 1", *a));
            full.erase(full.begin() + *a);
        }
    }
    return full;
}

// x's values as a constant of `dims`, which hold as many.
OnnxConstant with_dims(Translator& t, const OnnxNode& n, const OnnxConstant& x, const Dims& dims) {
    OnnxConstant c = t.new_constant(n, dims, x.is_int);
    c.ints = x.ints;
    c.floats = x.floats;
    return c;
}

}  // namespace

void reshape(Translator& t, OnnxNode& n) {
    const Value& x = t.tensor_input(n, 0);
    const OnnxConstant& target = t.constant_input(n, 1, "shape");
    if (!target.is_int || target.dims.size() != 1) n.attributes.fail("its shape must be a 1-D integer constant");
    if (n.attributes.integer("allowzero", 0) != 0) n.attributes.fail("allowzero 1 is not supported");
    const std::vector<long long>& s = target.ints;
    if (s.empty()) n.attributes.fail("its shape is empty");
    const long long first = s[0];
    if (first != 0 && first != -1 && first != onnx_batch_dim && !(t.fixed_batch() && first == *t.fixed_batch()))
        n.attributes.fail(fmt::format("its shape [{}] does not keep the batch axis first", fmt::join(s, ", ")));
    Dims dims;
    long long known = 1;
    std::optional<std::size_t> inferred;
    for (std::size_t i = 1; i < s.size(); ++i) {
        long long d = s[i];
        if (d == 0) {
            if (i - 1 >= x.dims.size()) n.attributes.fail(fmt::format("a 0 at position {} copies no dimension", i));
            d = x.dims[i - 1];
        }
        if (d == -1) {
            if (inferred || first == -1) n.attributes.fail("its shape has more than one -1");
            inferred = dims.size();
            d = 1;
        } else if (d < 1 || d > import_limits::max_extent) {
            n.attributes.fail(fmt::format("its shape [{}] has a dimension out of range", fmt::join(s, ", ")));
        }
        dims.push_back(d);
        known *= d;
        if (known > (long long)import_limits::max_tensor_values)
            n.attributes.fail(fmt::format("its shape [{}] is too large", fmt::join(s, ", ")));
    }
    const auto total = (long long)count_of(x.dims);
    if (inferred) {
        if (total % known != 0)
            n.attributes.fail(fmt::format("its shape [{}] does not divide {} values", fmt::join(s, ", "), total));
        dims[*inferred] = total / known;
    }
    // An image viewed with rank 6 starts PyTorch's pixel_unshuffle; the Reshape after its Transpose ends it.
    if (x.step || (x.dims.size() == 3 && dims.size() == 5)) return pixel_unshuffle_reshape(t, n, x, dims);
    reshape_to(t, n, x, dims);
}

void flatten(Translator& t, OnnxNode& n) {
    const Value& x = t.tensor_input(n, 0);
    if (const long long axis = n.attributes.integer("axis", 1); axis != 1 && axis != 1 - (long long)x.dims.size() - 1)
        n.attributes.fail(fmt::format("axis {} is not supported (1: keep the batch axis)", axis));
    reshape_to(t, n, x, Dims{(long long)count_of(x.dims)});
}

void squeeze(Translator& t, OnnxNode& n, bool unsqueeze) {
    const Value& x = t.tensor_input(n, 0);
    const Dims full = squeezed(t, n, x.full_dims(), unsqueeze);
    if (full.empty() || full[0] != onnx_batch_dim)
        n.attributes.fail("it moves or removes the batch axis, which ganforge keeps first");
    reshape_to(t, n, x, Dims(full.begin() + 1, full.end()));
}

OnnxConstant squeeze_constant(Translator& t, OnnxNode& n, bool unsqueeze) {
    const OnnxConstant& x = t.constant_input(n, 0, "data");
    return with_dims(t, n, x, squeezed(t, n, x.dims, unsqueeze));
}

// Reshape of a constant, as ONNX: a 0 copies the input's dim at its position
// (unless allowzero), one -1 takes what the others leave.
OnnxConstant reshape_constant(Translator& t, OnnxNode& n) {
    const OnnxConstant& x = t.constant_input(n, 0, "data");
    if (t.constant_input(n, 1, "shape").dims.size() != 1) n.attributes.fail("its shape must be a 1-D constant");
    const Dims& s = t.integers(n, 1, "shape");
    const bool allowzero = n.attributes.integer("allowzero", 0) != 0;
    Dims dims;
    std::optional<std::size_t> inferred;
    std::size_t known = 1;  // the product of the dims but -1, capped past the input's count
    bool zero = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        long long d = s[i];
        if (d == 0 && !allowzero) {
            if (i >= x.dims.size()) n.attributes.fail(fmt::format("a 0 at position {} copies no dimension", i));
            d = x.dims[i];
        }
        if (d == -1) {
            if (inferred) n.attributes.fail("its shape has more than one -1");
            inferred = i;
        } else if (d < 0 || d > import_limits::max_extent) {
            n.attributes.fail(fmt::format("its shape [{}] has a dimension out of range", fmt::join(s, ", ")));
        } else {
            zero = zero || d == 0;
            known = std::min(known * std::size_t(d), x.size() + 1);
        }
        dims.push_back(d);
    }
    const bool fits = inferred ? !zero && x.size() % known == 0 : (zero ? 0 : known) == x.size();
    if (!fits)
        n.attributes.fail(fmt::format("its shape [{}] does not fit the {} values of its input [{}]",
                                      fmt::join(s, ", "), x.size(), fmt::join(x.dims, ", ")));
    if (inferred) dims[*inferred] = (long long)(x.size() / known);
    return with_dims(t, n, x, dims);
}

}  // namespace ganforge::onnx_ops
