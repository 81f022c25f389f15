// ModelSpec -> steps: which layers fuse into which kernel, what folds into
// weights, what becomes an epilogue.
#include <ganforge/codegen/planner.hpp>

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

#include <ganforge/codegen/isa_target.hpp>
#include <ganforge/codegen/phases.hpp>
#include <ganforge/core/error.hpp>

namespace ganforge::codegen {

void plan_buffers(Plan& plan, const PlanOptions& options);  // buffer_plan.cpp

namespace {

bool is_linear_layer(const LayerSpec& l) {
    return l.kind == LayerKind::dense || l.kind == LayerKind::conv2d ||
           l.kind == LayerKind::conv2d_transpose;
}

// Affine as a whole: a linear layer without activation, or a layer that is
// linear by nature (interpolation, BatchNormalization at inference, reshapes).
bool fully_affine(const LayerSpec& l) {
    switch (l.kind) {
        case LayerKind::dense:
        case LayerKind::conv2d:
        case LayerKind::conv2d_transpose:
        case LayerKind::activation: return l.activation == Activation::linear;
        case LayerKind::up_sampling2d:
        case LayerKind::batch_normalization:
        case LayerKind::reshape:
        case LayerKind::flatten:
        case LayerKind::dropout: return true;
        case LayerKind::leaky_relu:
        case LayerKind::relu:
        case LayerKind::concatenate:
        case LayerKind::add:
        case LayerKind::multiply:
        case LayerKind::embedding:
        case LayerKind::zero_padding2d:
        case LayerKind::cropping2d: return false;
    }
    return false;
}

// Multiply-adds per image the layer takes on its own, and its weights.
struct Cost {
    std::size_t macs = 0, weights = 0;
};

Cost layer_cost(const LayerSpec& l) {
    const auto k = std::size_t(l.kernel_size.rows) * std::size_t(l.kernel_size.cols);
    const std::size_t cin = l.input_shape.channels(), units = std::size_t(l.units);
    switch (l.kind) {
        case LayerKind::dense: return {l.input_shape.size() * units, cin * units};
        case LayerKind::conv2d: return {l.output_shape.size() * k * cin, k * cin * units};
        case LayerKind::conv2d_transpose: return {l.input_shape.size() * k * units, k * cin * units};
        case LayerKind::up_sampling2d:
        case LayerKind::batch_normalization: return {l.output_shape.size(), 0};
        default: return {};
    }
}

// Time of a step for a batch, in multiply-adds: compute, or streaming its
// weights from memory when they do not stay in cache (one float read from L3
// takes about as long as 5 multiply-adds on one core).
std::size_t step_time(Cost c, std::size_t batch) { return std::max(batch * c.macs, 5 * c.weights); }

struct Range {
    std::size_t first, last;
};

// Within layers [begin, end) of one affine run, the sub-runs worth collapsing.
void choose_collapses(const ModelSpec& m, std::size_t begin, std::size_t end, std::vector<Range>& out) {
    std::optional<Range> best;
    std::size_t best_saving = 0;
    for (std::size_t a = begin; a < end; ++a) {
        Cost parts;
        for (std::size_t b = a; b < end; ++b) {
            const Cost c = layer_cost(m.layers[b]);
            parts.macs += c.macs;
            parts.weights += c.weights;
            const std::size_t in = m.layers[a].input_shape.size();
            const std::size_t whole = in * m.layers[b].output_shape.size();
            // Worth it when it at least halves the time at batch 1 and at a full chunk.
            // Building the matrix runs the chain on `in` unit vectors when the
            // network is built: at most ~1e8 multiply-adds (tens of milliseconds).
            bool worth = whole <= (std::size_t(1) << 22) && in * parts.macs <= std::size_t(100'000'000);
            for (std::size_t batch : {1, 16})
                worth = worth && 2 * step_time({whole, whole}, batch) <= step_time(parts, batch);
            const std::size_t saving = step_time(parts, 1) - std::min(step_time(parts, 1), step_time({whole, whole}, 1));
            if (worth && saving > best_saving) {
                best = Range{a, b};
                best_saving = saving;
            }
        }
    }
    if (!best) return;
    choose_collapses(m, begin, best->first, out);
    out.push_back(*best);
    choose_collapses(m, best->last + 1, end, out);
}

// Runs of affine layers; the last layer of a run may be a linear layer with
// an activation, which becomes the collapsed step's epilogue.
std::vector<Range> affine_collapses(const ModelSpec& m) {
    std::vector<Range> out;
    for (std::size_t a = 0; a < m.layers.size();) {
        std::size_t b = a;
        while (b < m.layers.size() && fully_affine(m.layers[b])) ++b;
        if (b < m.layers.size() && is_linear_layer(m.layers[b])) ++b;
        if (b > a) choose_collapses(m, a, b, out);
        a = std::max(b, a + 1);
    }
    return out;
}

std::string op_text(const PointwiseOp& op) {
    switch (op.kind) {
        case PointwiseOp::Kind::activation:
            return op.activation == Activation::relu ? "ReLU" : std::string(keras_name(op.activation));
        case PointwiseOp::Kind::leaky_relu: return fmt::format("LeakyReLU({})", op.alpha);
        case PointwiseOp::Kind::scale_shift: return "BatchNormalization";
    }
    return "?";
}

class Lowering {
public:
    Lowering(const ModelSpec& model, const PlanOptions& options)
        : m_(model), names_(keras_layer_names(model)) {
        if (options.collapse_affine_chains) collapses_ = affine_collapses(model);
    }

    std::vector<Step> run() {
        for (std::size_t i = 0; i < m_.layers.size(); ++i) i = layer(i);
        if (steps_.empty()) {  // nothing computes: the output is the input
            Step s = make_step(Pointwise{}, m_.input_shape(), m_.output_shape(),
                               m_.output_shape().channels(), 0);
            heads_.push_back("input: copy " + shape_extents(m_.input_shape(), "x"));
            steps_.push_back(std::move(s));
        }
        for (std::size_t k = 0; k < steps_.size(); ++k) {
            std::string name = heads_[k];
            if (const auto* lin = linear_source(steps_[k]))
                for (std::size_t bn : lin->folded)
                    name += fmt::format(" + {} (folded)", names_[bn]);
            for (const PointwiseOp& op : steps_[k].epilogue) name += " + " + op_text(op);
            steps_[k].name = std::move(name);
        }
        return std::move(steps_);
    }

private:
    static LinearSource* linear_source(Step& s) {
        if (auto* d = std::get_if<DenseGemm>(&s.op)) return &d->source;
        if (auto* c = std::get_if<TapConvolution>(&s.op)) return &c->source;
        return nullptr;
    }

    static Step make_step(StepOp op, Shape in, Shape out, std::size_t channels, std::size_t macs) {
        Step s;
        s.op = std::move(op);
        s.in_shape = in;
        s.out_shape = out;
        s.channels = channels;
        s.macs = macs;
        return s;
    }

    void push(Step s, std::string head, bool linear) {
        steps_.push_back(std::move(s));
        heads_.push_back(std::move(head));
        linear_open_ = linear;
    }

    // The activation a linear layer applies, as its step's first epilogue op.
    void add_activation(const LayerSpec& l, std::size_t i) {
        if (l.activation != Activation::linear)
            steps_.back().epilogue.push_back({PointwiseOp::Kind::activation, l.activation, 0.0f, i});
        linear_open_ = l.activation == Activation::linear;
    }

    // A pointwise layer: into the producer's weights, its epilogue, or a step of its own.
    void pointwise(PointwiseOp op, const LayerSpec& l) {
        const Shape shape = low_res_.value_or(l.input_shape);
        const std::size_t c = shape.channels();
        const bool channel_wise = op.kind == PointwiseOp::Kind::scale_shift;
        if (!steps_.empty() && (!channel_wise || steps_.back().channels % c == 0)) {
            Step& s = steps_.back();
            LinearSource* lin = linear_source(s);
            if (channel_wise && linear_open_ && lin != nullptr) {
                lin->folded.push_back(op.layer);
                lin->has_bias = true;
            } else {
                s.epilogue.push_back(op);
                linear_open_ = false;
            }
            return;
        }
        Step s = make_step(Pointwise{}, shape, shape, c, 0);
        s.epilogue.push_back(op);
        push(std::move(s), fmt::format("{}: {}", names_[op.layer], shape_extents(shape, "x")), false);
    }

    // Returns the last layer it consumed.
    std::size_t layer(std::size_t i) {
        for (const Range& r : collapses_)
            if (r.first == i) return affine_chain(r);
        const LayerSpec& l = m_.layers[i];
        switch (l.kind) {
            case LayerKind::reshape:
            case LayerKind::flatten:
            case LayerKind::dropout: return i;
            case LayerKind::relu:
                pointwise({PointwiseOp::Kind::activation, Activation::relu, 0.0f, i}, l);
                return i;
            case LayerKind::activation:
                if (l.activation != Activation::linear)
                    pointwise({PointwiseOp::Kind::activation, l.activation, 0.0f, i}, l);
                return i;
            case LayerKind::leaky_relu:
                pointwise({PointwiseOp::Kind::leaky_relu, Activation::linear, l.alpha, i}, l);
                return i;
            case LayerKind::batch_normalization:
                pointwise({PointwiseOp::Kind::scale_shift, Activation::linear, 0.0f, i}, l);
                return i;
            case LayerKind::dense: dense(i); return i;
            case LayerKind::conv2d: convolution(i, std::nullopt); return i;
            case LayerKind::conv2d_transpose: convolution(i, std::nullopt); return i;
            case LayerKind::up_sampling2d: return upsampling(i);
            case LayerKind::concatenate:
            case LayerKind::add:
            case LayerKind::multiply:
            case LayerKind::embedding:
            case LayerKind::zero_padding2d:
            case LayerKind::cropping2d:
                throw Error(fmt::format("{} ({}): the code generator does not handle this layer yet; "
                                        "the interpreter runs it", names_[i], keras_class_name(l.kind)));
        }
        return i;
    }

    std::size_t affine_chain(const Range& r) {
        const Shape in = m_.layers[r.first].input_shape, out = m_.layers[r.last].output_shape;
        DenseGemm d{1, in.size(), out.size(), {}};
        d.source.kind = LinearSource::Kind::affine_chain;
        d.source.first = r.first;
        d.source.last = r.last;
        d.source.has_bias = true;
        push(make_step(d, in, out, out.size(), in.size() * out.size()),
             fmt::format("{}..{}: {} affine layers {} -> {} as one {}x{} matrix", names_[r.first],
                         names_[r.last], r.last - r.first + 1, shape_extents(in, "x"), shape_extents(out, "x"),
                         in.size(), out.size()),
             true);
        const LayerSpec& last = m_.layers[r.last];
        if (is_linear_layer(last)) add_activation(last, r.last);
        return r.last;
    }

    void dense(std::size_t i) {
        const LayerSpec& l = m_.layers[i];
        const std::size_t k = l.input_shape.channels(), n = std::size_t(l.units);
        DenseGemm d{l.input_shape.size() / k, k, n, {}};
        d.source.layer = i;
        d.source.has_bias = l.use_bias;
        push(make_step(d, l.input_shape, l.output_shape, n, l.input_shape.size() * n),
             fmt::format("{}: Dense {} -> {}", names_[i], shape_extents(l.input_shape, "x"),
                         shape_extents(l.output_shape, "x")),
             true);
        add_activation(l, i);
    }

    // Conv2D or Conv2DTranspose layer i, after the nearest UpSampling2D `up` if given.
    void convolution(std::size_t i, std::optional<std::size_t> up) {
        const LayerSpec& l = m_.layers[i];
        const Shape in = up ? m_.layers[*up].input_shape : l.input_shape;
        const Size2 u = up ? m_.layers[*up].size : Size2{1, 1};
        TapConvolution c;
        c.kind = l.kind;
        c.upsample_rows = u.rows;
        c.upsample_cols = u.cols;
        const int h = int(in[0]), w = int(in[1]), oh = int(l.output_shape[0]), ow = int(l.output_shape[1]);
        if (l.kind == LayerKind::conv2d) {
            c.row_phases = conv_axis(h, u.rows, l.kernel_size.rows, l.strides.rows, l.padding, oh);
            c.col_phases = conv_axis(w, u.cols, l.kernel_size.cols, l.strides.cols, l.padding, ow);
        } else {
            c.row_phases = conv_transpose_axis(h, l.kernel_size.rows, l.strides.rows, l.padding, oh);
            c.col_phases = conv_transpose_axis(w, l.kernel_size.cols, l.strides.cols, l.padding, ow);
        }
        c.source.layer = i;
        c.source.has_bias = l.use_bias;
        const std::size_t phases = c.row_phases.size() * c.col_phases.size();
        const std::size_t macs = tap_convolution_macs(c, in.channels(), std::size_t(l.units));
        std::string head =
            up ? fmt::format("{} + {}: UpSampling2D {}x{} + Conv2D {} -> {} ({} phases, pre-summed taps)",
                             names_[*up], names_[i], u.rows, u.cols, shape_extents(in, "x"),
                             shape_extents(l.output_shape, "x"), phases)
               : fmt::format("{}: {} {} -> {}{}", names_[i], keras_class_name(l.kind),
                             shape_extents(in, "x"), shape_extents(l.output_shape, "x"),
                             phases > 1 ? fmt::format(" ({} phases)", phases) : "");
        push(make_step(std::move(c), in, l.output_shape, std::size_t(l.units), macs), std::move(head),
             true);
        add_activation(l, i);
    }

    // UpSampling2D layer i: fused into a Conv2D that follows (pointwise layers
    // between commute with nearest upsampling and move before it), else a step.
    std::size_t upsampling(std::size_t i) {
        const LayerSpec& l = m_.layers[i];
        if (l.interpolation == Interpolation::nearest) {
            std::size_t j = i + 1;
            while (j < m_.layers.size() && is_pointwise(m_.layers[j]) && !starts_collapse(j)) ++j;
            if (j < m_.layers.size() && m_.layers[j].kind == LayerKind::conv2d && !starts_collapse(j)) {
                low_res_ = l.input_shape;
                for (std::size_t p = i + 1; p < j; ++p) layer(p);
                low_res_.reset();
                convolution(j, i);
                return j;
            }
        }
        const Shape in = l.input_shape, out = l.output_shape;
        const bool nearest = l.interpolation == Interpolation::nearest;
        StepOp op = nearest ? StepOp(UpsampleNearest{l.size.rows, l.size.cols})
                            : StepOp(UpsampleBilinear{l.size.rows, l.size.cols});
        push(make_step(std::move(op), in, out, in.channels(), 0),
             fmt::format("{}: UpSampling2D {} {}x{} {} -> {}", names_[i], keras_name(l.interpolation),
                         l.size.rows, l.size.cols, shape_extents(in, "x"), shape_extents(out, "x")),
             false);
        return i;
    }

    bool starts_collapse(std::size_t i) const {
        for (const Range& r : collapses_)
            if (r.first == i) return true;
        return false;
    }

    static bool is_pointwise(const LayerSpec& l) {
        return l.kind == LayerKind::relu || l.kind == LayerKind::leaky_relu ||
               l.kind == LayerKind::activation || l.kind == LayerKind::batch_normalization ||
               l.kind == LayerKind::dropout;
    }

    const ModelSpec& m_;
    std::vector<std::string> names_;
    std::vector<Range> collapses_;
    std::vector<Step> steps_;
    std::vector<std::string> heads_;
    bool linear_open_ = false;  // the last step is linear with nothing applied after it yet
    std::optional<Shape> low_res_;  // pointwise layers moved before a fused upsampling act here
};

}  // namespace

Plan make_plan(const ModelSpec& model, const PlanOptions& options) {
    if (!model.is_chain())
        throw Error(fmt::format("the model is a graph ({} inputs, layers reading several tensors or "
                                "tensors read twice); the code generator handles chains only so far; "
                                "the interpreter runs it", model.input_shapes.size()));
    Plan plan;
    plan.input_shape = model.input_shape();
    plan.output_shape = model.output_shape();
    plan.steps = Lowering(model, options).run();
    plan_buffers(plan, options);
    return plan;
}

}  // namespace ganforge::codegen
