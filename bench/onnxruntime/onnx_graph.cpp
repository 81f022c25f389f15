#include "bench/onnxruntime/onnx_graph.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bench/peers/folded_model.hpp"
#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_rules.hpp>

namespace ganforge::bench {
namespace {

using Dims = std::vector<std::int64_t>;

// Keras' SELU constants (ONNX's defaults are rounded differently).
constexpr float selu_alpha = 1.6732632423543772f, selu_scale = 1.0507009873554805f;

// ONNX's axis (the batch is 0) for Keras axis `axis` of a tensor of shape `s`.
std::int64_t onnx_axis(int axis, const Shape& s) {
    const long long a = shape_rules::concat_axis(axis, s.rank());
    if (a < 0) throw Error(fmt::format("onnx: axis {} of a rank-{} tensor", axis, s.rank()));
    if (!s.is_image()) return a + 1;
    return a == 2 ? 1 : a + 2;  // H, W, C -> 2, 3, 1
}

void set_dims(onnx::ValueInfoProto& v, const std::string& name, const Shape& s) {
    v.set_name(name);
    auto* t = v.mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    auto* shape = t->mutable_shape();
    shape->add_dim()->set_dim_param("batch");
    for (const std::int64_t d : onnx_dims(s)) shape->add_dim()->set_dim_value(d);
}

class GraphWriter {
public:
    explicit GraphWriter(onnx::GraphProto& g) : g_(g) {}

    // A node reading `inputs`, writing one new value; returns it to set
    // attributes on. Its output is node.output(0).
    onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs) {
        onnx::NodeProto& n = *g_.add_node();
        n.set_op_type(op);
        n.set_name(fmt::format("{}_{}", op, g_.node_size()));
        for (const std::string& i : inputs) n.add_input(i);
        n.add_output(fmt::format("{}_{}_out", op, g_.node_size()));
        return n;
    }
    const std::string& apply(const std::string& op, const std::string& x) { return node(op, {x}).output(0); }

    std::string floats(const Dims& dims, const std::vector<float>& values) {
        onnx::TensorProto& t = initializer(dims, onnx::TensorProto::FLOAT);
        std::string raw(values.size() * sizeof(float), '\0');
        std::memcpy(raw.data(), values.data(), raw.size());
        t.set_raw_data(std::move(raw));
        return t.name();
    }
    std::string int64s(const Dims& values) {
        onnx::TensorProto& t = initializer({std::int64_t(values.size())}, onnx::TensorProto::INT64);
        for (const std::int64_t v : values) t.add_int64_data(v);
        return t.name();
    }

private:
    onnx::TensorProto& initializer(const Dims& dims, onnx::TensorProto::DataType type) {
        onnx::TensorProto& t = *g_.add_initializer();
        t.set_name(fmt::format("constant_{}", g_.initializer_size()));
        t.set_data_type(type);
        for (const std::int64_t d : dims) t.add_dims(d);
        return t;
    }

    onnx::GraphProto& g_;
};

void ints(onnx::NodeProto& n, const char* name, const Dims& values) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (const std::int64_t v : values) a->add_ints(v);
}
void one_int(onnx::NodeProto& n, const char* name, std::int64_t value) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
}
void one_float(onnx::NodeProto& n, const char* name, float value) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
}
void text(onnx::NodeProto& n, const char* name, const std::string& value) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::STRING);
    a->set_s(value);
}

// Keras' function as ONNX operators of opset 13: one where ONNX has it, else
// the formula written with them.
std::string eltwise(GraphWriter& w, const Eltwise& e, const std::string& x) {
    using Fn = Eltwise::Fn;
    auto scalar = [&](float v) { return w.floats({}, {v}); };
    auto binary = [&](const char* op, const std::string& a, const std::string& b) {
        return w.node(op, {a, b}).output(0);
    };
    auto clip = [&](const std::string& v, float lo, float hi) {
        return w.node("Clip", {v, scalar(lo), scalar(hi)}).output(0);
    };
    auto hard_sigmoid = [&](const std::string& v, float alpha, float beta) {
        onnx::NodeProto& n = w.node("HardSigmoid", {v});
        one_float(n, "alpha", alpha);
        one_float(n, "beta", beta);
        return n.output(0);
    };
    auto shrink = [&](float bias) {
        onnx::NodeProto& n = w.node("Shrink", {x});
        one_float(n, "bias", bias);
        one_float(n, "lambd", 0.5f);
        return n.output(0);
    };
    switch (e.fn) {
        case Fn::relu: return w.apply("Relu", x);
        case Fn::leaky_relu: {
            onnx::NodeProto& n = w.node("LeakyRelu", {x});
            one_float(n, "alpha", e.alpha);
            return n.output(0);
        }
        case Fn::sigmoid: return w.apply("Sigmoid", x);
        case Fn::tanh: return w.apply("Tanh", x);
        case Fn::elu: return w.apply("Elu", x);  // alpha 1, as Keras' activation
        case Fn::selu: {
            onnx::NodeProto& n = w.node("Selu", {x});
            one_float(n, "alpha", selu_alpha);
            one_float(n, "gamma", selu_scale);
            return n.output(0);
        }
        case Fn::softplus: return w.apply("Softplus", x);
        case Fn::softsign: return w.apply("Softsign", x);
        case Fn::swish: return binary("Mul", x, w.apply("Sigmoid", x));
        case Fn::exponential: return w.apply("Exp", x);
        case Fn::relu6: return clip(x, 0.0f, 6.0f);
        case Fn::gelu:  // x / 2 * (1 + erf(x / sqrt 2)); Gelu is opset 20's
            return binary("Mul", binary("Mul", x, scalar(0.5f)),
                          binary("Add", scalar(1.0f), w.apply("Erf", binary("Div", x, scalar(1.41421356f)))));
        case Fn::hard_sigmoid: return hard_sigmoid(x, 1.0f / 6.0f, 0.5f);
        case Fn::hard_sigmoid_keras2: return hard_sigmoid(x, 0.2f, 0.5f);
        case Fn::hard_silu: return binary("Mul", x, hard_sigmoid(x, 1.0f / 6.0f, 0.5f));  // HardSwish is opset 14's
        case Fn::hard_tanh: return clip(x, -1.0f, 1.0f);
        case Fn::mish: return binary("Mul", x, w.apply("Tanh", w.apply("Softplus", x)));  // Mish is opset 18's
        case Fn::log_sigmoid: return w.apply("Neg", w.apply("Softplus", w.apply("Neg", x)));
        case Fn::tanh_shrink: return binary("Sub", x, w.apply("Tanh", x));
        case Fn::soft_shrink: return shrink(0.5f);
        case Fn::hard_shrink: return shrink(0.0f);
        case Fn::sparse_plus: {  // x < 1 ? (clip(x, -1, 1) + 1)^2 / 4 : x
            const std::string y = binary("Add", clip(x, -1.0f, 1.0f), scalar(1.0f));
            return w.node("Where", {binary("Less", x, scalar(1.0f)),
                                    binary("Mul", scalar(0.25f), binary("Mul", y, y)), x})
                .output(0);
        }
        case Fn::sparse_sigmoid: return hard_sigmoid(x, 0.5f, 0.5f);
        case Fn::squareplus:  // (x + sqrt(x^2 + 4)) / 2
            return binary("Mul", scalar(0.5f),
                          binary("Add", x, w.apply("Sqrt", binary("Add", binary("Mul", x, x), scalar(4.0f)))));
        case Fn::celu: {
            onnx::NodeProto& n = w.node("Celu", {x});
            one_float(n, "alpha", 1.0f);
            return n.output(0);
        }
        case Fn::linear: return x;  // never an Eltwise
    }
    return x;
}

// A kernel in Keras' layout [kh, kw, a, b] as ONNX's [b, a, kh, kw].
std::vector<float> kernel_to_onnx(const std::vector<float>& k, std::size_t kh, std::size_t kw, std::size_t a,
                                  std::size_t b) {
    std::vector<float> out(k.size());
    for (std::size_t y = 0; y < kh; ++y)
        for (std::size_t x = 0; x < kw; ++x)
            for (std::size_t i = 0; i < a; ++i)
                for (std::size_t o = 0; o < b; ++o)
                    out[((o * a + i) * kh + y) * kw + x] = k[((y * kw + x) * a + i) * b + o];
    return out;
}

// A Conv or ConvTranspose node with the op's kernel (Conv's weights are
// [out, in, kh, kw], ConvTranspose's [in, out, kh, kw], both from Keras'
// [kh, kw, ., .]), its bias, kernel shape and strides; the caller adds the
// padding.
onnx::NodeProto& convolution_node(GraphWriter& w, const FoldedOp& op, const std::string& x, bool transposed) {
    const LayerSpec& l = op.layer;
    const std::size_t kh = std::size_t(l.kernel_size.rows), kw = std::size_t(l.kernel_size.cols);
    const std::size_t cin = l.input_shape.channels(), f = std::size_t(l.units);
    const std::size_t a = transposed ? f : cin, b = transposed ? cin : f;  // Keras' last two axes
    const Dims wdims{std::int64_t(b), std::int64_t(a), std::int64_t(kh), std::int64_t(kw)};
    onnx::NodeProto& n = w.node(transposed ? "ConvTranspose" : "Conv",
                                {x, w.floats(wdims, kernel_to_onnx(op.kernel, kh, kw, a, b)),
                                 w.floats({std::int64_t(f)}, op.bias)});
    ints(n, "kernel_shape", {std::int64_t(kh), std::int64_t(kw)});
    ints(n, "strides", {l.strides.rows, l.strides.cols});
    return n;
}

std::string conv2d(GraphWriter& w, const FoldedOp& op, const std::string& x) {
    onnx::NodeProto& n = convolution_node(w, op, x, false);
    const Pads p = conv2d_pads(op.layer);
    ints(n, "pads", {p.top, p.left, p.bottom, p.right});
    return n.output(0);
}

// Keras crops the full output ((in - 1) * stride + kernel) by `crops`; a
// negative end grows it instead, which ONNX calls output_padding.
std::string conv2d_transpose(GraphWriter& w, const FoldedOp& op, const std::string& x) {
    onnx::NodeProto& n = convolution_node(w, op, x, true);
    const Pads c = conv2d_transpose_crops(op.layer);
    ints(n, "pads", {c.top, c.left, std::max(0L, c.bottom), std::max(0L, c.right)});
    if (c.bottom < 0 || c.right < 0) ints(n, "output_padding", {std::max(0L, -c.bottom), std::max(0L, -c.right)});
    return n.output(0);
}

std::string dense(GraphWriter& w, const FoldedOp& op, const std::string& x) {
    const LayerSpec& l = op.layer;
    const std::int64_t in = std::int64_t(l.input_shape[l.input_shape.rank() - 1]), out = l.units;
    const std::string kernel = w.floats({in, out}, op.kernel), bias = w.floats({out}, op.bias);
    if (l.input_shape.rank() == 1) return w.node("Gemm", {x, kernel, bias}).output(0);
    return w.node("Add", {w.node("MatMul", {x, kernel}).output(0), bias}).output(0);
}

// Keras reshapes in its own order (channels last): an NCHW image goes to
// NHWC first, and comes back to NCHW after.
std::string reshape(GraphWriter& w, const Shape& from, const Shape& to, std::string x) {
    if (from.is_image()) {
        onnx::NodeProto& t = w.node("Transpose", {x});
        ints(t, "perm", {0, 2, 3, 1});
        x = t.output(0);
    }
    Dims target{0};  // the batch, copied
    for (std::size_t i = 0; i < to.rank(); ++i) target.push_back(std::int64_t(to[i]));
    x = w.node("Reshape", {x, w.int64s(target)}).output(0);
    if (!to.is_image()) return x;
    onnx::NodeProto& t = w.node("Transpose", {x});
    ints(t, "perm", {0, 3, 1, 2});
    return t.output(0);
}

// The op's output before its post-ops.
std::string op_value(GraphWriter& w, const FoldedOp& op, const std::vector<std::string>& xs) {
    using Kind = FoldedOp::Kind;
    const LayerSpec& l = op.layer;
    const Shape& out = l.output_shape;
    switch (op.kind) {
        case Kind::dense: return dense(w, op, xs[0]);
        case Kind::conv2d: return conv2d(w, op, xs[0]);
        case Kind::conv2d_transpose: return conv2d_transpose(w, op, xs[0]);
        case Kind::up_sampling2d: {
            const float sh = float(l.size.rows), sw = float(l.size.cols);
            onnx::NodeProto& n = w.node("Resize", {xs[0], "", w.floats({4}, {1.0f, 1.0f, sh, sw})});
            if (l.interpolation == Interpolation::nearest) {
                text(n, "mode", "nearest");  // Keras: input pixel floor(i / size)
                text(n, "coordinate_transformation_mode", "asymmetric");
                text(n, "nearest_mode", "floor");
            } else {
                text(n, "mode", "linear");
                text(n, "coordinate_transformation_mode",
                     l.interpolation == Interpolation::bilinear_align_corners ? "align_corners" : "half_pixel");
            }
            return n.output(0);
        }
        case Kind::scale_shift: {
            const std::int64_t c = std::int64_t(op.scale.size());
            const Dims dims = out.is_image() ? Dims{c, 1, 1} : Dims{c};
            const std::string scaled = w.node("Mul", {xs[0], w.floats(dims, op.scale)}).output(0);
            return w.node("Add", {scaled, w.floats(dims, op.shift)}).output(0);
        }
        case Kind::eltwise: return xs[0];  // its functions are the post-ops
        case Kind::reshape: return reshape(w, l.input_shape, out, xs[0]);
        case Kind::concatenate: {
            onnx::NodeProto& n = w.node("Concat", xs);
            one_int(n, "axis", onnx_axis(l.axis, out));
            return n.output(0);
        }
        case Kind::add: return w.node("Sum", xs).output(0);
        case Kind::multiply: {
            std::string y = xs[0];
            for (std::size_t j = 1; j < xs.size(); ++j) y = w.node("Mul", {y, xs[j]}).output(0);
            return y;
        }
        case Kind::embedding: {
            onnx::NodeProto& cast = w.node("Cast", {xs[0]});
            one_int(cast, "to", onnx::TensorProto::INT64);
            const std::string table =
                w.floats({std::int64_t(l.input_dim), std::int64_t(l.units)}, op.kernel);
            return w.node("Gather", {table, cast.output(0)}).output(0);
        }
        case Kind::zero_padding2d: {
            const Margins m = l.margins;
            return w.node("Pad", {xs[0], w.int64s({0, 0, m.top, m.left, 0, 0, m.bottom, m.right})}).output(0);
        }
        case Kind::cropping2d: {
            const Margins m = l.margins;
            const std::int64_t oh = std::int64_t(out.height()), ow = std::int64_t(out.width());
            return w.node("Slice", {xs[0], w.int64s({m.top, m.left}), w.int64s({m.top + oh, m.left + ow}),
                                    w.int64s({2, 3})})
                .output(0);
        }
    }
    throw Error(fmt::format("onnx: {}: not expressed", op.name));
}

}  // namespace

std::vector<std::int64_t> onnx_dims(const Shape& s) {
    if (s.is_image()) return {std::int64_t(s.channels()), std::int64_t(s.height()), std::int64_t(s.width())};
    Dims d;
    for (std::size_t i = 0; i < s.rank(); ++i) d.push_back(std::int64_t(s[i]));
    return d;
}

onnx::ModelProto onnx_graph(const WeightStore& weights) {
    const ModelSpec& m = weights.model();
    const FoldedModel folded = fold_for_peers(weights);
    onnx::ModelProto model;
    model.set_ir_version(7);
    model.set_producer_name("ganforge bench");
    model.add_opset_import()->set_version(13);
    onnx::GraphProto& g = *model.mutable_graph();
    g.set_name("ganforge");
    GraphWriter w(g);

    std::vector<std::string> input_names, values;
    for (std::size_t k = 0; k < m.input_shapes.size(); ++k) {
        input_names.push_back(fmt::format("input_{}", k));
        set_dims(*g.add_input(), input_names.back(), m.input_shapes[k]);
    }
    auto value_of = [&](TensorRef r) { return r.model_input ? input_names[r.index] : values[r.index]; };
    for (const FoldedOp& op : folded.ops) {
        std::vector<std::string> xs;
        for (const TensorRef r : op.inputs) xs.push_back(value_of(r));
        try {
            std::string y = op_value(w, op, xs);
            for (const Eltwise& e : op.post) y = eltwise(w, e, y);
            values.push_back(y);
        } catch (const Error& e) {
            throw Error(fmt::format("onnx: {}: {}", op.name, e.what()));
        }
    }
    // The last node writes "output" (an Identity when the output is a model input or read again).
    const std::string last = value_of(folded.output);
    onnx::NodeProto* producer = nullptr;
    for (onnx::NodeProto& n : *g.mutable_node())
        if (n.output(0) == last) producer = &n;
    bool read_again = false;
    for (const onnx::NodeProto& n : g.node())
        for (const std::string& i : n.input()) read_again |= i == last;
    if (producer && !read_again) producer->set_output(0, "output");
    else w.node("Identity", {last}).set_output(0, "output");
    set_dims(*g.add_output(), "output", m.output_shape());
    return model;
}

}  // namespace ganforge::bench
