// oneDNN running a folded model: one primitive per op, NHWC (or NC)
// activations, weights given in Keras' layout as strided memory and reordered
// once into whatever format the primitive prefers (format_tag::any).
#include <ganforge/bench/peers/peer_engines.hpp>

#include <functional>
#include <unordered_map>

#include <fmt/format.h>
#include <oneapi/dnnl/dnnl.hpp>

#include <ganforge/bench/peers/folded_model.hpp>
#include <ganforge/core/error.hpp>

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

// oneDNN's spelling of an elementwise function: one or two of its eltwise
// algorithms, or nothing when it has none (softsign).
std::vector<EltwiseAlg> onednn_eltwise(const Eltwise& e) {
    using Fn = Eltwise::Fn;
    switch (e.fn) {
        case Fn::relu: return {{algorithm::eltwise_relu}};
        case Fn::leaky_relu: return {{algorithm::eltwise_relu, e.alpha}};
        case Fn::sigmoid: return {{algorithm::eltwise_logistic}};
        case Fn::tanh: return {{algorithm::eltwise_tanh}};
        case Fn::elu: return {{algorithm::eltwise_elu, 1.0f}};
        case Fn::selu:  // scale * elu(x, alpha)
            return {{algorithm::eltwise_elu, 1.6732632423543772f},
                    {algorithm::eltwise_linear, 1.0507009873554805f, 0.0f}};
        case Fn::softplus: return {{algorithm::eltwise_soft_relu}};
        case Fn::softsign: return {};
        case Fn::swish: return {{algorithm::eltwise_swish, 1.0f}};
        case Fn::exponential: return {{algorithm::eltwise_exp}};
    }
    return {};
}

class OnednnEngine final : public Engine {
public:
    OnednnEngine(const WeightStore& weights, std::span<const float> input, std::size_t batch)
        : batch_(batch) {
        const ModelSpec& m = weights.model();
        input_ = memory(activation_desc(m.input_shape()), engine_);
        std::copy(input.begin(), input.end(), data(input_));
        memory x = input_;
        for (const FoldedOp& op : fold_for_peers(weights)) {
            try {
                x = add(op, x);
            } catch (const dnnl::error& e) {
                throw Error(fmt::format("oneDNN: {}: {}", op.name, e.what()));
            }
        }
        output_ = x;
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

    // Activations applied alone, in place: eltwise primitives, or a plain
    // loop for a function oneDNN lacks.
    void add_eltwise(const std::vector<Eltwise>& fns, const memory& x) {
        for (const Eltwise& e : fns) {
            const auto algs = onednn_eltwise(e);
            for (const EltwiseAlg& a : algs) {
                dnnl::eltwise_forward::primitive_desc pd(
                    {dnnl::prop_kind::forward_inference, a.alg, x.get_desc(), a.alpha, a.beta}, engine_);
                add_primitive(dnnl::eltwise_forward(pd), {{DNNL_ARG_SRC, x}, {DNNL_ARG_DST, x}});
            }
            if (algs.empty()) {
                const std::size_t n = x.get_desc().get_size() / sizeof(float);
                steps_.push_back([x, n, e] {
                    float* p = data(x);
                    for (std::size_t i = 0; i < n; ++i) p[i] = e(p[i]);
                });
            }
        }
    }

    memory add(const FoldedOp& op, const memory& x) {
        using Kind = FoldedOp::Kind;
        const LayerSpec& l = op.layer;
        const memory::desc dst_desc = activation_desc(op.output_shape);
        switch (op.kind) {
            case Kind::reshape:  // the same bytes, seen as NC or NHWC
                return memory(dst_desc, engine_, x.get_data_handle());
            case Kind::eltwise:
                add_eltwise(op.post, x);
                return x;
            case Kind::up_sampling2d: {
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
        add_eltwise(unfused, y);
        return y;
    }

    std::size_t batch_;
    dnnl::engine engine_{dnnl::engine::kind::cpu, 0};
    dnnl::stream stream_{engine_};
    std::vector<std::function<void()>> steps_;
    memory input_, output_;
    std::size_t output_size_ = 0;
};

}  // namespace

std::unique_ptr<Engine> make_onednn_engine(const WeightStore& weights, std::span<const float> input,
                                           std::size_t batch) {
    return std::make_unique<OnednnEngine>(weights, input, batch);
}

}  // namespace ganforge::bench
