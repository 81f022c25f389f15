// libtorch running a folded model with ATen's operators (what torch::nn's
// modules call), NCHW as PyTorch prefers, under InferenceMode with one
// intra-op thread: cat, add, mul, embedding, constant_pad_nd and narrow for
// graphs. Alone in this translation unit: its headers are heavy.
#include "bench/peers/peer_engines.hpp"

#include <functional>

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <fmt/format.h>

#include "bench/library_threads.hpp"
#include "bench/peers/folded_model.hpp"
#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_inference.hpp>

namespace ganforge::bench {
namespace {

using Step = std::function<at::Tensor(const at::Tensor&)>;
using GraphStep = std::function<at::Tensor(const std::vector<at::Tensor>&)>;

at::Tensor tensor_of(const std::vector<float>& values, at::IntArrayRef sizes) {
    return at::from_blob(const_cast<float*>(values.data()), sizes, at::kFloat).clone();
}

// Keras' element order (NHWC, or flat) as a [batch, n] tensor.
at::Tensor keras_order(const at::Tensor& x) {
    return x.dim() == 4 ? x.permute({0, 2, 3, 1}).reshape({x.size(0), -1}) : x;
}

// A [batch, n] tensor in Keras' order as PyTorch's layout for `shape`.
at::Tensor torch_layout(const at::Tensor& flat, const Shape& s) {
    if (!s.is_image()) return flat;
    return flat.reshape({flat.size(0), long(s.height()), long(s.width()), long(s.channels())})
        .permute({0, 3, 1, 2})
        .contiguous();
}

void apply_in_place(const Eltwise& e, at::Tensor& y) {
    using Fn = Eltwise::Fn;
    switch (e.fn) {
        case Fn::relu: at::relu_(y); return;
        case Fn::leaky_relu: at::leaky_relu_(y, e.alpha); return;
        case Fn::sigmoid: at::sigmoid_(y); return;
        case Fn::tanh: at::tanh_(y); return;
        case Fn::elu: at::elu_(y); return;
        case Fn::selu: at::selu_(y); return;
        case Fn::softplus: y.copy_(at::softplus(y)); return;
        case Fn::softsign: y.div_(y.abs().add_(1.0)); return;
        case Fn::swish: at::silu_(y); return;
        case Fn::exponential: y.exp_(); return;
        case Fn::relu6: at::relu6_(y); return;
        case Fn::gelu: at::gelu_(y); return;  // approximate "none": the erf form
        case Fn::hard_sigmoid: at::hardsigmoid_(y); return;
        case Fn::hard_sigmoid_keras2: y.mul_(0.2).add_(0.5).clamp_(0.0, 1.0); return;
        case Fn::hard_silu: at::hardswish_(y); return;
        case Fn::hard_tanh: at::hardtanh_(y); return;
        case Fn::mish: at::mish_(y); return;
        case Fn::log_sigmoid: y.copy_(at::log_sigmoid(y)); return;
        case Fn::tanh_shrink: y.sub_(at::tanh(y)); return;
        case Fn::soft_shrink: y.copy_(at::softshrink(y)); return;
        case Fn::hard_shrink: y.copy_(at::hardshrink(y)); return;
        case Fn::sparse_sigmoid: y.add_(1.0).mul_(0.5).clamp_(0.0, 1.0); return;
        case Fn::celu: at::celu_(y); return;
        case Fn::linear:  // never an Eltwise
        case Fn::sparse_plus:
        case Fn::squareplus: {  // ATen has none: Keras' numerics, value by value
            y = y.contiguous();
            float* p = y.data_ptr<float>();
            for (long i = 0; i < y.numel(); ++i) p[i] = e(p[i]);
            return;
        }
    }
}

Step with_post(Step op, std::vector<Eltwise> post) {
    if (post.empty()) return op;
    return [op = std::move(op), post = std::move(post)](const at::Tensor& x) {
        at::Tensor y = op(x);
        for (const Eltwise& e : post) apply_in_place(e, y);
        return y;
    };
}

Step conv2d_step(const FoldedOp& op) {
    const LayerSpec& l = op.layer;
    const long kh = l.kernel_size.rows, kw = l.kernel_size.cols;
    const long cin = long(l.input_shape.channels()), f = l.units;
    // Keras [kh, kw, in, out] -> PyTorch [out, in, kh, kw].
    at::Tensor w = tensor_of(op.kernel, {kh, kw, cin, f}).permute({3, 2, 0, 1}).contiguous();
    at::Tensor b = tensor_of(op.bias, {f});
    const std::vector<long> stride{l.strides.rows, l.strides.cols};
    const Pads p = conv2d_pads(l);
    if (p.top == p.bottom && p.left == p.right)
        return [=](const at::Tensor& x) { return at::conv2d(x, w, b, stride, {p.top, p.left}); };
    // PyTorch pads symmetrically; Keras' 'same' puts the odd row at the end.
    return [=](const at::Tensor& x) {
        return at::conv2d(at::constant_pad_nd(x, {p.left, p.right, p.top, p.bottom}), w, b, stride);
    };
}

Step conv2d_transpose_step(const FoldedOp& op) {
    const LayerSpec& l = op.layer;
    const long kh = l.kernel_size.rows, kw = l.kernel_size.cols;
    const long cin = long(l.input_shape.channels()), f = l.units;
    // Keras [kh, kw, out, in] -> PyTorch [in, out, kh, kw].
    at::Tensor w = tensor_of(op.kernel, {kh, kw, f, cin}).permute({3, 2, 0, 1}).contiguous();
    at::Tensor b = tensor_of(op.bias, {f});
    const std::vector<long> stride{l.strides.rows, l.strides.cols};
    // PyTorch crops the same `padding` from both ends and can add up to
    // stride - 1 rows at the end (output_padding); Keras' 'same' crops one
    // more at the end for odd kernel - stride. So: crop the smaller amount,
    // then slice the rest away.
    const Pads c = conv2d_transpose_crops(l);
    const long full_h = long(l.input_shape.height() - 1) * l.strides.rows + kh;
    const long full_w = long(l.input_shape.width() - 1) * l.strides.cols + kw;
    const long oh = long(l.output_shape.height()), ow = long(l.output_shape.width());
    const long ph = std::max(0L, std::min(c.top, c.bottom)), pw = std::max(0L, std::min(c.left, c.right));
    const long extra_h = std::max(0L, c.top - ph + oh - (full_h - 2 * ph));
    const long extra_w = std::max(0L, c.left - pw + ow - (full_w - 2 * pw));
    if (extra_h >= l.strides.rows || extra_w >= l.strides.cols)
        throw Error(fmt::format("libtorch: {}: conv_transpose2d cannot produce its {}x{} output", op.name, oh, ow));
    const bool slice = c.top != ph || c.left != pw || full_h - 2 * ph + extra_h != oh ||
                       full_w - 2 * pw + extra_w != ow;
    return [=](const at::Tensor& x) {
        at::Tensor y = at::conv_transpose2d(x, w, b, stride, {ph, pw}, {extra_h, extra_w});
        return slice ? y.narrow(2, c.top - ph, oh).narrow(3, c.left - pw, ow) : y;
    };
}

// PyTorch's dimension for a Keras axis: NCHW images, [batch, n] otherwise.
long torch_dim(int keras_axis, const Shape& s) {
    if (!s.is_image()) {
        if (s.rank() != 1) throw Error("libtorch: a join of rank-2 tensors is not expressed here");
        return 1;
    }
    const auto a = shape_rules::concat_axis(keras_axis, s.rank());
    return a == 0 ? 2 : a == 1 ? 3 : 1;
}

// A step of one input as a step of the op's inputs.
GraphStep of_first(Step step) {
    return [step = std::move(step)](const std::vector<at::Tensor>& xs) { return step(xs[0]); };
}

GraphStep step_for(const FoldedOp& op) {
    using Kind = FoldedOp::Kind;
    using Xs = const std::vector<at::Tensor>&;
    const LayerSpec& l = op.layer;
    const Shape out = op.output_shape;
    switch (op.kind) {
        case Kind::dense: {
            // Keras [in, out] -> PyTorch's Linear weight [out, in].
            at::Tensor w = tensor_of(op.kernel, {long(l.input_shape.size()), l.units}).t().contiguous();
            at::Tensor b = tensor_of(op.bias, {l.units});
            return of_first(with_post([=](const at::Tensor& x) { return at::linear(x, w, b); }, op.post));
        }
        case Kind::conv2d: return of_first(with_post(conv2d_step(op), op.post));
        case Kind::conv2d_transpose: return of_first(with_post(conv2d_transpose_step(op), op.post));
        case Kind::up_sampling2d:
            if (l.interpolation == Interpolation::nearest)
                return [=](Xs xs) { return at::upsample_nearest2d(xs[0], {long(out.height()), long(out.width())}); };
            return [=, align_corners = l.interpolation == Interpolation::bilinear_align_corners](Xs xs) {
                return at::upsample_bilinear2d(xs[0], {long(out.height()), long(out.width())}, align_corners);
            };
        case Kind::scale_shift: {
            const long c = long(op.scale.size());
            const std::vector<long> sizes = out.is_image() ? std::vector<long>{1, c, 1, 1} : std::vector<long>{1, c};
            at::Tensor scale = tensor_of(op.scale, sizes), shift = tensor_of(op.shift, sizes);
            return [=](Xs xs) { return at::addcmul(shift, xs[0], scale); };
        }
        case Kind::eltwise: return of_first(with_post([](const at::Tensor& x) { return x.clone(); }, op.post));
        case Kind::reshape: return [=](Xs xs) { return torch_layout(keras_order(xs[0]), out); };
        case Kind::concatenate: {
            const long dim = torch_dim(l.axis, out);
            return [=](Xs xs) { return at::cat(xs, dim); };
        }
        case Kind::add:
        case Kind::multiply: {
            const bool add = op.kind == Kind::add;
            return [=](Xs xs) {
                at::Tensor y = xs[0];
                for (std::size_t j = 1; j < xs.size(); ++j) y = add ? y + xs[j] : y * xs[j];
                return y;
            };
        }
        case Kind::embedding: {
            at::Tensor table = tensor_of(op.kernel, {l.input_dim, l.units});
            return [=](Xs xs) { return at::embedding(table, xs[0].to(at::kLong)).reshape({xs[0].size(0), -1}); };
        }
        case Kind::zero_padding2d: {
            const Margins p = l.margins;
            return [=](Xs xs) { return at::constant_pad_nd(xs[0], {p.left, p.right, p.top, p.bottom}); };
        }
        case Kind::cropping2d: {
            const Margins c = l.margins;
            return [=](Xs xs) {
                return xs[0].narrow(2, c.top, long(out.height())).narrow(3, c.left, long(out.width())).contiguous();
            };
        }
    }
    return [](Xs xs) { return xs[0]; };
}

class LibtorchEngine final : public Engine {
public:
    LibtorchEngine(const WeightStore& weights, Inputs inputs, std::size_t batch, std::size_t threads) {
        at::set_num_threads(int(threads));
        set_library_threads(threads);
        c10::InferenceMode inference;
        const ModelSpec& m = weights.model();
        for (std::size_t k = 0; k < inputs.size(); ++k)
            inputs_.push_back(torch_layout(at::from_blob(const_cast<float*>(inputs[k].data()),
                                                         {long(batch), long(m.input_shapes[k].size())}, at::kFloat)
                                               .clone(),
                                           m.input_shapes[k]));
        folded_ = fold_for_peers(weights);
        for (const FoldedOp& op : folded_.ops) {
            try {
                steps_.push_back(step_for(op));
            } catch (const c10::Error& e) {
                throw Error(fmt::format("libtorch: {}: {}", op.name, e.what_without_backtrace()));
            }
        }
    }

    void run() override {
        c10::InferenceMode inference;
        std::vector<at::Tensor> outputs;
        auto tensor = [&](TensorRef r) { return r.model_input ? inputs_[r.index] : outputs[r.index]; };
        for (std::size_t i = 0; i < steps_.size(); ++i) {
            std::vector<at::Tensor> xs;
            for (TensorRef r : folded_.ops[i].inputs) xs.push_back(tensor(r));
            outputs.push_back(steps_[i](xs));
        }
        output_ = tensor(folded_.output);
    }

    std::vector<float> output_nhwc() const override {
        c10::InferenceMode inference;
        const at::Tensor y = keras_order(output_).contiguous();
        return {y.data_ptr<float>(), y.data_ptr<float>() + y.numel()};
    }

private:
    std::vector<at::Tensor> inputs_;
    at::Tensor output_;
    FoldedModel folded_;
    std::vector<GraphStep> steps_;
};

}  // namespace

std::unique_ptr<Engine> make_libtorch_engine(const WeightStore& weights, Inputs inputs, std::size_t batch,
                                             std::size_t threads) {
    return std::make_unique<LibtorchEngine>(weights, inputs, batch, threads);
}

}  // namespace ganforge::bench
