// XNNPACK running a folded model: f32 NHWC operators created (weights packed)
// and set up once on fixed buffers, run on a pthreadpool of the asked
// threads (none for one: the calling thread). XNNPACK fuses
// only a clamp into its operators, so ReLU is a clamp and the other
// activations are their own operators; what it lacks (nearest upsampling,
// tanh and a few other activations, Embedding's gather) runs as the plain
// loop a user would write. Graphs: a join is one strided copy operator per
// operand, merges are add / multiply operators, padding is constant_pad,
// a crop a strided copy per image.
#include "bench/peers/peer_engines.hpp"

#include <array>
#include <functional>
#include <limits>

#include <fmt/format.h>
#include <xnnpack.h>

#include "bench/peers/folded_model.hpp"
#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_inference.hpp>

namespace ganforge::bench {
namespace {

constexpr float inf = std::numeric_limits<float>::infinity();

void check(xnn_status status, const std::string& what) {
    if (status != xnn_status_success)
        throw Error(fmt::format("XNNPACK: {} failed (xnn_status {})", what, int(status)));
}

// Keras' kernel [kh, kw, a, b] as XNNPACK's [out][kh][kw][in], where out is
// the axis `out_axis` (2 or 3) of the Keras kernel.
std::vector<float> ohwi(const std::vector<float>& k, std::size_t kh, std::size_t kw, std::size_t a,
                        std::size_t b, int out_axis) {
    std::vector<float> r(k.size());
    for (std::size_t y = 0; y < kh; ++y)
        for (std::size_t x = 0; x < kw; ++x)
            for (std::size_t i = 0; i < a; ++i)
                for (std::size_t j = 0; j < b; ++j) {
                    const std::size_t out = out_axis == 3 ? j : i, in = out_axis == 3 ? i : j;
                    const std::size_t n_in = out_axis == 3 ? a : b;
                    r[((out * kh + y) * kw + x) * n_in + in] = k[((y * kw + x) * a + i) * b + j];
                }
    return r;
}

class XnnpackEngine final : public Engine {
public:
    XnnpackEngine(const WeightStore& weights, Inputs inputs, std::size_t batch, std::size_t threads)
        : batch_(batch), pool_(threads > 1 ? pthreadpool_create(threads) : nullptr) {
        if (threads > 1 && !pool_) throw Error(fmt::format("XNNPACK: pthreadpool_create({}) failed", threads));
        static const xnn_status initialized = xnn_initialize(nullptr);
        check(initialized, "xnn_initialize");
        const ModelSpec& m = weights.model();
        std::vector<const float*> input_buffers;
        for (std::span<const float> in : inputs) {
            input_buffers.push_back(buffer(in.size()));
            std::copy(in.begin(), in.end(), buffers_.back().begin());
        }
        const FoldedModel folded = fold_for_peers(weights);
        std::vector<const float*> outputs;
        auto tensor = [&](TensorRef r) { return r.model_input ? input_buffers[r.index] : outputs[r.index]; };
        for (const FoldedOp& op : folded.ops) {
            std::vector<const float*> xs;
            for (TensorRef r : op.inputs) xs.push_back(tensor(r));
            outputs.push_back(add(op, xs));
        }
        output_ = tensor(folded.output);
        output_size_ = batch * m.output_shape().size();
    }

    ~XnnpackEngine() override {
        for (xnn_operator_t op : operators_) xnn_delete_operator(op);
        if (pool_) pthreadpool_destroy(pool_);
    }

    void run() override {
        for (auto& step : steps_) step();
    }

    std::vector<float> output_nhwc() const override { return {output_, output_ + output_size_}; }

private:
    // Moving a vector keeps its elements where they are, so these pointers last.
    float* buffer(std::size_t floats) { return buffers_.emplace_back(floats).data(); }
    // Values an operator reads at run time (not packed when it is created).
    const float* constant(const std::vector<float>& values) { return constants_.emplace_back(values).data(); }

    // Keeps a created and set-up operator; running it is one call.
    void add_operator(xnn_operator_t op) {
        operators_.push_back(op);
        steps_.push_back([op, pool = pool_] { check(xnn_run_operator(op, pool), "xnn_run_operator"); });
    }

    // `fns` applied to n floats at `in`, written to `out` (which may be `in`).
    void add_eltwise(const std::vector<Eltwise>& fns, const float* in, float* out, std::size_t n) {
        for (const Eltwise& e : fns) {
            xnn_operator_t op = nullptr;
            using Fn = Eltwise::Fn;
            if (e.fn == Fn::relu) {
                check(xnn_create_clamp_nc_f32(1, 1, 1, 0.0f, inf, 0, &op), "clamp");
                check(xnn_setup_clamp_nc_f32(op, n, in, out, pool_), "clamp setup");
            } else if (e.fn == Fn::leaky_relu) {
                check(xnn_create_leaky_relu_nc_f32(1, 1, 1, e.alpha, 0, &op), "leaky_relu");
                check(xnn_setup_leaky_relu_nc_f32(op, n, in, out, pool_), "leaky_relu setup");
            } else if (e.fn == Fn::sigmoid) {
                check(xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &op), "sigmoid");
                check(xnn_setup_sigmoid_nc_f32(op, n, in, out, pool_), "sigmoid setup");
            } else if (e.fn == Fn::elu || e.fn == Fn::celu) {  // alpha 1 for both
                check(xnn_create_elu_nc_f32(1, 1, 1, 1.0f, 0, &op), "elu");
                check(xnn_setup_elu_nc_f32(op, n, in, out, pool_), "elu setup");
            } else if (e.fn == Fn::relu6 || e.fn == Fn::hard_tanh) {
                const float lo = e.fn == Fn::relu6 ? 0.0f : -1.0f, hi = e.fn == Fn::relu6 ? 6.0f : 1.0f;
                check(xnn_create_clamp_nc_f32(1, 1, 1, lo, hi, 0, &op), "clamp");
                check(xnn_setup_clamp_nc_f32(op, n, in, out, pool_), "clamp setup");
            } else if (e.fn == Fn::hard_silu) {
                check(xnn_create_hardswish_nc_f32(1, 1, 1, 0, &op), "hardswish");
                check(xnn_setup_hardswish_nc_f32(op, n, in, out, pool_), "hardswish setup");
            }
            if (op) {
                add_operator(op);
            } else {
                steps_.push_back([e, in, out, n] {
                    for (std::size_t i = 0; i < n; ++i) out[i] = e(in[i]);
                });
            }
            in = out;
        }
    }

    // A kernel op's output range: a leading ReLU becomes the operator's clamp.
    static std::pair<float, std::vector<Eltwise>> clamp_and_rest(const std::vector<Eltwise>& post) {
        if (!post.empty() && post.front().fn == Eltwise::Fn::relu) return {0.0f, {post.begin() + 1, post.end()}};
        return {-inf, post};
    }

    // A copy of `rows` runs of `channels` floats, `in_stride` and `out_stride` apart.
    void add_copy(std::size_t rows, std::size_t channels, std::size_t in_stride, std::size_t out_stride,
                  const float* x, float* y, const std::string& what) {
        xnn_operator_t xop = nullptr;
        check(xnn_create_copy_nc_x32(channels, in_stride, out_stride, 0, &xop), what);
        check(xnn_setup_copy_nc_x32(xop, rows, x, y, pool_), what + " setup");
        add_operator(xop);
    }

    // Each operand's runs copied to their place in the joined tensor.
    float* concat(const FoldedOp& op, const std::vector<const float*>& xs, float* y) {
        auto dims = [](const Shape& s) {
            const Extents3 e = extents3(s);
            return std::array<std::size_t, 3>{e.rows, e.cols, e.channels};
        };
        const Shape out = op.output_shape;
        const std::size_t axis = std::size_t(shape_rules::concat_axis(op.layer.axis, out.rank())) + 3 - out.rank();
        const auto od = dims(out);
        std::size_t outer = batch_, inner = 1;
        for (std::size_t a = 0; a < axis; ++a) outer *= od[a];
        for (std::size_t a = axis + 1; a < 3; ++a) inner *= od[a];
        std::size_t at = 0;
        for (std::size_t j = 0; j < xs.size(); ++j) {
            const std::size_t run = dims(op.input_shapes[j])[axis] * inner;
            add_copy(outer, run, run, od[axis] * inner, xs[j], y + at, op.name);
            at += run;
        }
        return y;
    }

    float* merge(const FoldedOp& op, const std::vector<const float*>& xs, float* y) {
        const std::size_t shape[1] = {batch_ * op.output_shape.size()};
        const float* acc = xs[0];
        for (std::size_t j = 1; j < xs.size(); ++j) {
            xnn_operator_t xop = nullptr;
            if (op.kind == FoldedOp::Kind::add) {
                check(xnn_create_add_nd_f32(-inf, inf, 0, &xop), op.name);
                check(xnn_setup_add_nd_f32(xop, 1, shape, 1, shape, acc, xs[j], y, pool_), op.name + " setup");
            } else {
                check(xnn_create_multiply_nd_f32(-inf, inf, 0, &xop), op.name);
                check(xnn_setup_multiply_nd_f32(xop, 1, shape, 1, shape, acc, xs[j], y, pool_), op.name + " setup");
            }
            add_operator(xop);
            acc = y;
        }
        return y;
    }

    float* gather(const FoldedOp& op, const float* x, float* y) {
        const std::size_t labels = batch_ * op.layer.input_shape.size(), width = std::size_t(op.layer.units);
        const float* table = constant(op.kernel);
        steps_.push_back([x, y, labels, width, table] {
            for (std::size_t i = 0; i < labels; ++i) std::copy_n(table + std::size_t(x[i]) * width, width, y + i * width);
        });
        return y;
    }

    float* pad(const FoldedOp& op, const float* x, float* y) {
        static constexpr float zero = 0.0f;
        const Shape in = op.layer.input_shape;
        const Margins p = op.layer.margins;
        const std::size_t shape[4] = {batch_, in.height(), in.width(), in.channels()};
        const std::size_t pre[4] = {0, std::size_t(p.top), std::size_t(p.left), 0};
        const std::size_t post[4] = {0, std::size_t(p.bottom), std::size_t(p.right), 0};
        xnn_operator_t xop = nullptr;
        check(xnn_create_constant_pad_nd_x32(&zero, 0, &xop), op.name);
        check(xnn_setup_constant_pad_nd_x32(xop, 4, shape, pre, post, x, y, pool_), op.name + " setup");
        add_operator(xop);
        return y;
    }

    // XNNPACK has no slice: a strided copy of each image's kept rows.
    float* crop(const FoldedOp& op, const float* x, float* y) {
        const Shape in = op.layer.input_shape, out = op.output_shape;
        const std::size_t row = in.width() * in.channels(), kept = out.width() * out.channels();
        const Margins m = op.layer.margins;
        const std::size_t skip = (std::size_t(m.top) * in.width() + std::size_t(m.left)) * in.channels();
        for (std::size_t b = 0; b < batch_; ++b)
            add_copy(out.height(), kept, row, kept, x + b * in.size() + skip, y + b * out.size(), op.name);
        return y;
    }

    const float* add(const FoldedOp& op, const std::vector<const float*>& xs) {
        using Kind = FoldedOp::Kind;
        const LayerSpec& l = op.layer;
        const Shape in = l.input_shape, out = op.output_shape;
        const std::size_t n = batch_ * out.size();
        const float* x = xs[0];
        xnn_operator_t xop = nullptr;
        switch (op.kind) {
            case Kind::reshape: return x;  // NHWC is Keras' order
            case Kind::concatenate: return concat(op, xs, buffer(n));
            case Kind::add:
            case Kind::multiply: return merge(op, xs, buffer(n));
            case Kind::embedding: return gather(op, x, buffer(n));
            case Kind::zero_padding2d: return pad(op, x, buffer(n));
            case Kind::cropping2d: return crop(op, x, buffer(n));
            case Kind::eltwise: {
                float* y = buffer(n);
                add_eltwise(op.post, x, y, n);
                return y;
            }
            case Kind::up_sampling2d: {
                float* y = buffer(n);
                const std::size_t h = in.height(), w = in.width(), c = in.channels();
                const std::size_t oh = out.height(), ow = out.width();
                if (l.interpolation != Interpolation::nearest) {
                    // Without flags: half-pixel centres, as Keras.
                    const std::uint32_t flags =
                        l.interpolation == Interpolation::bilinear_align_corners ? XNN_FLAG_ALIGN_CORNERS : 0;
                    check(xnn_create_resize_bilinear2d_nhwc_f32(c, c, c, flags, &xop), op.name);
                    check(xnn_setup_resize_bilinear2d_nhwc_f32(xop, batch_, h, w, oh, ow, x, y, pool_),
                          op.name + " setup");
                    add_operator(xop);
                    return y;
                }
                // XNNPACK has no nearest upsampling: copy each pixel's channels.
                const std::size_t fy = std::size_t(l.size.rows), fx = std::size_t(l.size.cols);
                steps_.push_back([=, batch = batch_] {
                    for (std::size_t b = 0; b < batch; ++b)
                        for (std::size_t oy = 0; oy < oh; ++oy)
                            for (std::size_t ox = 0; ox < ow; ++ox)
                                std::copy_n(x + ((b * h + oy / fy) * w + ox / fx) * c, c,
                                            y + ((b * oh + oy) * ow + ox) * c);
                });
                return y;
            }
            case Kind::scale_shift: {
                float* y = buffer(n);
                const float* scale = constant(op.scale);
                const float* shift = constant(op.shift);
                const std::size_t c = op.scale.size();
                const std::size_t shape[2] = {n / c, c}, channel[1] = {c};
                check(xnn_create_multiply_nd_f32(-inf, inf, 0, &xop), op.name);
                check(xnn_setup_multiply_nd_f32(xop, 2, shape, 1, channel, x, scale, y, pool_),
                      op.name + " setup");
                add_operator(xop);
                check(xnn_create_add_nd_f32(-inf, inf, 0, &xop), op.name);
                check(xnn_setup_add_nd_f32(xop, 2, shape, 1, channel, y, shift, y, pool_), op.name + " setup");
                add_operator(xop);
                return y;
            }
            case Kind::dense:
            case Kind::conv2d:
            case Kind::conv2d_transpose:
                break;
        }
        float* y = buffer(n);
        const auto [out_min, rest] = clamp_and_rest(op.post);
        const std::size_t cin = in.channels(), f = std::size_t(l.units);
        const auto kh = std::uint32_t(l.kernel_size.rows), kw = std::uint32_t(l.kernel_size.cols);
        const auto sh = std::uint32_t(l.strides.rows), sw = std::uint32_t(l.strides.cols);
        if (op.kind == Kind::dense) {
            check(xnn_create_fully_connected_nc_f32(cin, f, cin, f, op.kernel.data(), op.bias.data(), out_min,
                                                    inf, XNN_FLAG_TRANSPOSE_WEIGHTS, &xop),
                  op.name);
            check(xnn_setup_fully_connected_nc_f32(xop, batch_ * (in.size() / cin), x, y, pool_),
                  op.name + " setup");
        } else if (op.kind == Kind::conv2d) {
            const Pads p = conv2d_pads(l);
            const std::vector<float> k = ohwi(op.kernel, kh, kw, cin, f, 3);
            check(xnn_create_convolution2d_nhwc_f32(
                      std::uint32_t(p.top), std::uint32_t(p.right), std::uint32_t(p.bottom),
                      std::uint32_t(p.left), kh, kw, sh, sw, 1, 1, 1, cin, f, cin, f, k.data(),
                      op.bias.data(), out_min, inf, 0, &xop),
                  op.name);
            check(xnn_setup_convolution2d_nhwc_f32(xop, batch_, in.height(), in.width(), x, y, pool_),
                  op.name + " setup");
        } else {
            // Padding crops the full output; an output larger than it (kernel <
            // stride) is XNNPACK's adjustment.
            const Pads c = conv2d_transpose_crops(l);
            const std::vector<float> k = ohwi(op.kernel, kh, kw, f, cin, 2);
            check(xnn_create_deconvolution2d_nhwc_f32(
                      std::uint32_t(std::max(c.top, 0L)), std::uint32_t(std::max(c.right, 0L)),
                      std::uint32_t(std::max(c.bottom, 0L)), std::uint32_t(std::max(c.left, 0L)), kh, kw, sh,
                      sw, 1, 1, 1, cin, f, cin, f, k.data(), op.bias.data(), out_min, inf, 0, &xop),
                  op.name);
            check(xnn_setup_deconvolution2d_nhwc_f32(xop, batch_, in.height(), in.width(),
                                                     std::uint32_t(std::max(-c.bottom, 0L)),
                                                     std::uint32_t(std::max(-c.right, 0L)), x, y, pool_),
                  op.name + " setup");
        }
        add_operator(xop);
        add_eltwise(rest, y, y, n);
        return y;
    }

    std::size_t batch_;
    pthreadpool_t pool_;  // none for one thread: the operators run on the caller's
    std::vector<std::vector<float>> buffers_;
    std::vector<std::vector<float>> constants_;
    std::vector<xnn_operator_t> operators_;
    std::vector<std::function<void()>> steps_;
    const float* output_ = nullptr;
    std::size_t output_size_ = 0;
};

}  // namespace

std::unique_ptr<Engine> make_xnnpack_engine(const WeightStore& weights, Inputs inputs, std::size_t batch,
                                            std::size_t threads) {
    return std::make_unique<XnnpackEngine>(weights, inputs, batch, threads);
}

}  // namespace ganforge::bench
