// oneDNN running a folded model: one primitive per op, NHWC (or NC)
// activations, weights given in Keras' layout as strided memory and reordered
// once into whatever format the primitive prefers (format_tag::any). Graph
// ops: concat and binary primitives; padding and cropping as reorders into
// and out of a sub-memory; Embedding (oneDNN has no gather) a plain loop.
#include "bench/peers/peer_engines.hpp"

#include <functional>
#include <unordered_map>

#include <fmt/format.h>
#include <oneapi/dnnl/dnnl.hpp>

#include "bench/library_threads.hpp"
#include "bench/peers/folded_model.hpp"
#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_inference.hpp>

namespace ganforge::bench {
namespace {

using dnnl::algorithm;
using dnnl::memory;
using dt = memory::data_type;
using tag = memory::format_tag;

struct EltwiseAlg {
    algorithm alg;
    float alpha = 0.0f, beta = 0.0f, scale = 1.0f;
};

// oneDNN's spelling of an elementwise function: one to three of its eltwise
// algorithms, or nothing when it has none. Only algorithms oneDNN 2 and 3
// both define, with the same meaning (hardswish ignores alpha and beta in 2
// and takes them in 3; clip_v2 for bounded_relu, which 3 dropped).
std::vector<EltwiseAlg> onednn_eltwise(const Eltwise& e) {
    using Fn = Eltwise::Fn;
    switch (e.fn) {
        case Fn::relu: return {{algorithm::eltwise_relu}};
        case Fn::leaky_relu: return {{algorithm::eltwise_relu, e.alpha}};
        case Fn::sigmoid: return {{algorithm::eltwise_logistic}};
        case Fn::tanh: return {{algorithm::eltwise_tanh}};
        case Fn::elu:
        case Fn::celu: return {{algorithm::eltwise_elu, 1.0f}};  // alpha 1 for both
        case Fn::selu:  // scale * elu(x, alpha)
            return {{algorithm::eltwise_elu, 1.6732632423543772f},
                    {algorithm::eltwise_linear, 1.0507009873554805f, 0.0f}};
        case Fn::softplus: return {{algorithm::eltwise_soft_relu}};
        case Fn::swish: return {{algorithm::eltwise_swish, 1.0f}};
        case Fn::exponential: return {{algorithm::eltwise_exp}};
        case Fn::relu6: return {{algorithm::eltwise_clip_v2, 0.0f, 6.0f}};
        case Fn::gelu: return {{algorithm::eltwise_gelu_erf}};
        case Fn::hard_sigmoid:
            return {{algorithm::eltwise_linear, 1.0f / 6.0f, 0.5f}, {algorithm::eltwise_clip_v2, 0.0f, 1.0f}};
        case Fn::hard_sigmoid_keras2:
            return {{algorithm::eltwise_linear, 0.2f, 0.5f}, {algorithm::eltwise_clip_v2, 0.0f, 1.0f}};
        case Fn::sparse_sigmoid:
            return {{algorithm::eltwise_linear, 0.5f, 0.5f}, {algorithm::eltwise_clip_v2, 0.0f, 1.0f}};
        case Fn::hard_silu: return {{algorithm::eltwise_hardswish, 1.0f / 6.0f, 0.5f}};
        case Fn::hard_tanh: return {{algorithm::eltwise_clip_v2, -1.0f, 1.0f}};
        case Fn::mish: return {{algorithm::eltwise_mish}};
        case Fn::log_sigmoid:  // -softplus(-x)
            return {{algorithm::eltwise_linear, -1.0f, 0.0f},
                    {algorithm::eltwise_soft_relu, 1.0f},
                    {algorithm::eltwise_linear, -1.0f, 0.0f}};
        case Fn::linear:  // never an Eltwise
        case Fn::softsign:
        case Fn::tanh_shrink:
        case Fn::soft_shrink:
        case Fn::hard_shrink:
        case Fn::sparse_plus:
        case Fn::squareplus: return {};
    }
    return {};
}

class OnednnEngine final : public Engine {
public:
    OnednnEngine(const WeightStore& weights, Inputs inputs, std::size_t batch, std::size_t threads) : batch_(batch) {
        set_library_threads(threads);
        const ModelSpec& m = weights.model();
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            inputs_.emplace_back(activation_desc(m.input_shapes[k]), engine_);
            std::copy(inputs[k].begin(), inputs[k].end(), data(inputs_.back()));
        }
        const FoldedModel folded = fold_for_peers(weights);
        std::vector<memory> outputs;
        auto tensor = [&](TensorRef r) { return r.model_input ? inputs_[r.index] : outputs[r.index]; };
        for (const FoldedOp& op : folded.ops) {
            std::vector<memory> xs;
            for (TensorRef r : op.inputs) xs.push_back(tensor(r));
            try {
                outputs.push_back(add(op, xs));
            } catch (const dnnl::error& e) {
                throw Error(fmt::format("oneDNN: {}: {}", op.name, e.what()));
            }
        }
        output_ = tensor(folded.output);
        output_size_ = batch * m.output_shape().size();
    }

    void run() override {
        for (auto& step : steps_) step();
        stream_.wait();
    }

    std::vector<float> output_nhwc() const override {
        const float* p = data(output_);
        return {p, p + output_size_};  // NHWC is oneDNN's layout here
    }

private:
    static float* data(const memory& m) { return static_cast<float*>(m.get_data_handle()); }

    memory::desc activation_desc(const Shape& s) const {
        const auto n = memory::dim(batch_);
        if (!s.is_image()) return {{n, memory::dim(s.size())}, dt::f32, tag::nc};
        return {{n, memory::dim(s.channels()), memory::dim(s.height()), memory::dim(s.width())},
                dt::f32, tag::nhwc};
    }

    // A tensor in Keras' layout, described to oneDNN by its strides.
    memory user_memory(const std::vector<float>& values, const memory::dims& dims,
                       const memory::dims& strides) {
        memory mem({dims, dt::f32, strides}, engine_);
        std::copy(values.begin(), values.end(), data(mem));
        return mem;
    }

    // `user` reordered once into the format the primitive chose.
    memory reordered(memory user, const memory::desc& wanted) {
        if (user.get_desc() == wanted) return user;
        memory mem(wanted, engine_);
        dnnl::reorder(user, mem).execute(stream_, user, mem);
        stream_.wait();
        return mem;
    }

    void add_primitive(dnnl::primitive p, std::unordered_map<int, memory> args) {
        steps_.push_back([this, p = std::move(p), args = std::move(args)] { p.execute(stream_, args); });
    }

    // Post-ops for the leading activations oneDNN can fuse; the others are
    // returned, to run after the primitive.
    std::vector<Eltwise> fuse_post_ops(const std::vector<Eltwise>& post, dnnl::primitive_attr& attr) {
        dnnl::post_ops ops;
        std::size_t fused = 0;
        for (; fused < post.size(); ++fused) {
            const auto algs = onednn_eltwise(post[fused]);
            if (algs.empty()) break;
            for (const EltwiseAlg& a : algs) ops.append_eltwise(a.scale, a.alg, a.alpha, a.beta);
        }
        attr.set_post_ops(ops);
        return {post.begin() + long(fused), post.end()};
    }

    // Activations applied alone, from x into y (which may be x): eltwise
    // primitives, or a plain loop for a function oneDNN lacks.
    void add_eltwise(const std::vector<Eltwise>& fns, memory x, const memory& y) {
        for (const Eltwise& e : fns) {
            const auto algs = onednn_eltwise(e);
            for (const EltwiseAlg& a : algs) {
                dnnl::eltwise_forward::primitive_desc pd(
                    {dnnl::prop_kind::forward_inference, a.alg, x.get_desc(), a.alpha, a.beta}, engine_);
                add_primitive(dnnl::eltwise_forward(pd), {{DNNL_ARG_SRC, x}, {DNNL_ARG_DST, y}});
                x = y;
            }
            if (algs.empty()) {
                const std::size_t n = x.get_desc().get_size() / sizeof(float);
                steps_.push_back([x, y, n, e] {
                    const float* p = data(x);
                    float* q = data(y);
                    for (std::size_t i = 0; i < n; ++i) q[i] = e(p[i]);
                });
                x = y;
            }
        }
    }

    // oneDNN's axis of a Keras axis: logical dims are {N, C, H, W} or {N, C}.
    static int onednn_axis(int keras_axis, const Shape& s) {
        const auto a = shape_rules::concat_axis(keras_axis, s.rank());
        if (!s.is_image()) {
            if (s.rank() != 1) throw Error("oneDNN: a join of rank-2 tensors is not expressed here");
            return 1;
        }
        return a == 0 ? 2 : a == 1 ? 3 : 1;
    }

    // A region of an NHWC tensor: rows [top, top + h), columns [left, left + w).
    static memory::desc region(const memory& m, long top, long left, const Shape& s) {
        const memory::desc d = m.get_desc();
        return d.submemory_desc({d.dims()[0], long(s.channels()), long(s.height()), long(s.width())},
                                {0, 0, top, left});
    }

    memory concat(const FoldedOp& op, const std::vector<memory>& xs, memory y) {
        std::vector<memory::desc> srcs;
        std::unordered_map<int, memory> args{{DNNL_ARG_DST, y}};
        for (std::size_t j = 0; j < xs.size(); ++j) {
            srcs.push_back(xs[j].get_desc());
            args.emplace(DNNL_ARG_MULTIPLE_SRC + int(j), xs[j]);
        }
        dnnl::concat::primitive_desc pd(y.get_desc(), onednn_axis(op.layer.axis, op.output_shape), srcs, engine_);
        add_primitive(dnnl::concat(pd), std::move(args));
        return y;
    }

    memory binary(algorithm alg, const std::vector<memory>& xs, memory y) {
        memory acc = xs[0];
        for (std::size_t j = 1; j < xs.size(); ++j) {
            dnnl::binary::primitive_desc pd({alg, acc.get_desc(), xs[j].get_desc(), y.get_desc()}, engine_);
            add_primitive(dnnl::binary(pd), {{DNNL_ARG_SRC_0, acc}, {DNNL_ARG_SRC_1, xs[j]}, {DNNL_ARG_DST, y}});
            acc = y;
        }
        return y;
    }

    memory gather(const FoldedOp& op, const memory& x, memory y) {
        const std::size_t labels = batch_ * op.layer.input_shape.size(), width = std::size_t(op.layer.units);
        steps_.push_back([x, y, labels, width, table = op.kernel] {
            const float* in = data(x);
            float* out = data(y);
            for (std::size_t i = 0; i < labels; ++i)
                std::copy_n(table.data() + std::size_t(in[i]) * width, width, out + i * width);
        });
        return y;
    }

    // The border stays zero; the input is reordered inside.
    memory pad(const FoldedOp& op, const memory& x, memory y) {
        std::fill_n(data(y), y.get_desc().get_size() / sizeof(float), 0.0f);
        const Margins m = op.layer.margins;
        const memory inside(region(y, m.top, m.left, op.layer.input_shape), engine_, y.get_data_handle());
        add_primitive(dnnl::reorder(x, inside), {{DNNL_ARG_FROM, x}, {DNNL_ARG_TO, inside}});
        return y;
    }

    memory crop(const FoldedOp& op, const memory& x, memory y) {
        const Margins m = op.layer.margins;
        const memory kept(region(x, m.top, m.left, op.output_shape), engine_, x.get_data_handle());
        add_primitive(dnnl::reorder(kept, y), {{DNNL_ARG_FROM, kept}, {DNNL_ARG_TO, y}});
        return y;
    }

    memory add(const FoldedOp& op, const std::vector<memory>& xs) {
        using Kind = FoldedOp::Kind;
        const LayerSpec& l = op.layer;
        const memory& x = xs[0];
        const memory::desc dst_desc = activation_desc(op.output_shape);
        switch (op.kind) {
            case Kind::reshape:  // the same bytes, seen as NC or NHWC
                return memory(dst_desc, engine_, x.get_data_handle());
            case Kind::eltwise: {
                memory y(dst_desc, engine_);
                add_eltwise(op.post, x, y);
                return y;
            }
            case Kind::concatenate: return concat(op, xs, memory(dst_desc, engine_));
            case Kind::add: return binary(algorithm::binary_add, xs, memory(dst_desc, engine_));
            case Kind::multiply: return binary(algorithm::binary_mul, xs, memory(dst_desc, engine_));
            case Kind::embedding: return gather(op, x, memory(dst_desc, engine_));
            case Kind::zero_padding2d: return pad(op, x, memory(dst_desc, engine_));
            case Kind::cropping2d: return crop(op, x, memory(dst_desc, engine_));
            case Kind::up_sampling2d: {
                if (l.interpolation == Interpolation::bilinear_align_corners)
                    throw Error(fmt::format("oneDNN: {}: no resampling with aligned corners", op.name));
                const algorithm alg = l.interpolation == Interpolation::nearest
                                          ? algorithm::resampling_nearest
                                          : algorithm::resampling_linear;
                dnnl::resampling_forward::primitive_desc pd(
                    {dnnl::prop_kind::forward_inference, alg, x.get_desc(), dst_desc}, engine_);
                memory y(dst_desc, engine_);
                add_primitive(dnnl::resampling_forward(pd), {{DNNL_ARG_SRC, x}, {DNNL_ARG_DST, y}});
                return y;
            }
            case Kind::scale_shift: {
                // Batch normalization with mean 0, variance 1 and epsilon 0 is x * scale + shift.
                const auto c = memory::dim(op.scale.size());
                const std::vector<float> zeros(op.scale.size(), 0.0f), ones(op.scale.size(), 1.0f);
                dnnl::batch_normalization_forward::primitive_desc pd(
                    {dnnl::prop_kind::forward_inference, x.get_desc(), 0.0f,
                     dnnl::normalization_flags::use_global_stats | dnnl::normalization_flags::use_scale |
                         dnnl::normalization_flags::use_shift},
                    engine_);
                memory y(dst_desc, engine_);
                add_primitive(dnnl::batch_normalization_forward(pd),
                              {{DNNL_ARG_SRC, x}, {DNNL_ARG_DST, y},
                               {DNNL_ARG_MEAN, user_memory(zeros, {c}, {1})},
                               {DNNL_ARG_VARIANCE, user_memory(ones, {c}, {1})},
                               {DNNL_ARG_SCALE, user_memory(op.scale, {c}, {1})},
                               {DNNL_ARG_SHIFT, user_memory(op.shift, {c}, {1})}});
                return y;
            }
            case Kind::dense:
            case Kind::conv2d:
            case Kind::conv2d_transpose:
                return add_kernel_op(op, x, dst_desc);
        }
        return x;
    }

    memory add_kernel_op(const FoldedOp& op, const memory& x, const memory::desc& dst_desc) {
        using Kind = FoldedOp::Kind;
        const LayerSpec& l = op.layer;
        const auto cin = memory::dim(l.input_shape.channels()), f = memory::dim(l.units);
        const auto kh = memory::dim(l.kernel_size.rows), kw = memory::dim(l.kernel_size.cols);
        // Keras' kernel as oneDNN's logical {out, in, kh, kw} (or {out, in}).
        memory user_kernel =
            op.kind == Kind::dense ? user_memory(op.kernel, {f, cin}, {1, f})
            : op.kind == Kind::conv2d ? user_memory(op.kernel, {f, cin, kh, kw}, {1, f, kw * cin * f, cin * f})
                                      : user_memory(op.kernel, {f, cin, kh, kw}, {cin, 1, kw * f * cin, f * cin});
        memory bias = user_memory(op.bias, {f}, {1});
        memory::desc any_kernel(user_kernel.get_desc().dims(), dt::f32, tag::any);
        dnnl::primitive_attr attr;
        const std::vector<Eltwise> unfused = fuse_post_ops(op.post, attr);
        memory y(dst_desc, engine_);
        const auto kind = dnnl::prop_kind::forward_inference;
        const memory::dims strides{l.strides.rows, l.strides.cols};
        auto finish = [&](auto pd, auto primitive) {
            add_primitive(primitive, {{DNNL_ARG_SRC, x}, {DNNL_ARG_DST, y}, {DNNL_ARG_BIAS, bias},
                                      {DNNL_ARG_WEIGHTS, reordered(user_kernel, pd.weights_desc())}});
        };
        if (op.kind == Kind::dense) {
            dnnl::inner_product_forward::primitive_desc pd(
                {kind, x.get_desc(), any_kernel, bias.get_desc(), dst_desc}, attr, engine_);
            finish(pd, dnnl::inner_product_forward(pd));
        } else if (op.kind == Kind::conv2d) {
            const Pads p = conv2d_pads(l);
            dnnl::convolution_forward::primitive_desc pd(
                {kind, algorithm::convolution_auto, x.get_desc(), any_kernel, bias.get_desc(), dst_desc,
                 strides, {p.top, p.left}, {p.bottom, p.right}},
                attr, engine_);
            finish(pd, dnnl::convolution_forward(pd));
        } else {
            // A deconvolution's padding crops its full output, as Keras' 'same'.
            const Pads p = conv2d_transpose_crops(l);
            dnnl::deconvolution_forward::primitive_desc pd(
                {kind, algorithm::deconvolution_direct, x.get_desc(), any_kernel, bias.get_desc(),
                 dst_desc, strides, {p.top, p.left}, {p.bottom, p.right}},
                attr, engine_);
            finish(pd, dnnl::deconvolution_forward(pd));
        }
        add_eltwise(unfused, y, y);
        return y;
    }

    std::size_t batch_;
    dnnl::engine engine_{dnnl::engine::kind::cpu, 0};
    dnnl::stream stream_{engine_};
    std::vector<std::function<void()>> steps_;
    std::vector<memory> inputs_;
    memory output_;
    std::size_t output_size_ = 0;
};

}  // namespace

std::unique_ptr<Engine> make_onednn_engine(const WeightStore& weights, Inputs inputs, std::size_t batch,
                                           std::size_t threads) {
    return std::make_unique<OnednnEngine>(weights, inputs, batch, threads);
}

}  // namespace ganforge::bench
