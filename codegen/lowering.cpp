// ModelSpec -> steps: which layers fuse into which kernel, what folds into
// weights, what becomes an epilogue, and where each tensor lives (a
// Concatenate's operands in their slices, merges in place, crops as views;
// lowered.hpp), which the buffer plan lays out.
#include "codegen/planner.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

#include "codegen/affine_collapse.hpp"
#include "codegen/isa_target.hpp"
#include "codegen/lowered.hpp"
#include "codegen/phases.hpp"
#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_inference.hpp>

namespace ganforge::codegen {

Plan plan_buffers(Lowered lowered, const ModelSpec& model, const PlanOptions& options);  // buffer_plan.cpp

namespace {

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
        : m_(model), names_(keras_layer_names(model)), layer_readers_(readers_of(model)),
          channels_first_(options.layout == TensorLayout::nchw) {
        if (options.collapse_affine_chains) collapses_ = affine_collapses(model, layer_readers_);
    }

    Lowered run() {
        std::vector<std::size_t> input_readers(m_.input_shapes.size(), 0);
        for (const LayerSpec& l : m_.layers)
            for (std::size_t j = 0; j < l.inbound_count; ++j)
                if (l.inbound[j].model_input) ++input_readers[l.inbound[j].index];
        for (std::size_t k = 0; k < m_.input_shapes.size(); ++k) {
            const std::size_t s = new_storage(m_.input_shapes[k]);
            out_.storages[s].where = BufferRef::Where::input;
            out_.storages[s].input = k;
            out_.storages[s].channels_first = held_channels_first(m_.input_shapes[k]);
            inputs_.push_back(whole(s));
            readers_[inputs_.back()] = input_readers[k] + (m_.layers.empty() && k == 0 ? 1 : 0);
        }
        value_.assign(m_.layers.size(), no_index);
        done_.assign(m_.layers.size(), false);
        for (std::size_t i = 0; i < m_.layers.size(); ++i)
            if (!done_[i]) layer(i);
        to_output();
        for (std::size_t k = 0; k < out_.steps.size(); ++k) {
            std::string name = heads_[k];
            if (const auto* lin = linear_source(out_.steps[k])) {
                for (std::size_t bn : lin->folded) name += fmt::format(" + {} (folded)", names_[bn]);
                if (lin->adds_to_output) name += fmt::format(" + {} (added to what the output holds)", names_[lin->added_by]);
            }
            for (const PointwiseOp& op : out_.steps[k].epilogue) name += " + " + op_text(op);
            out_.steps[k].name = std::move(name);
        }
        return std::move(out_);
    }

private:
    static LinearSource* linear_source(Step& s) {
        if (auto* d = std::get_if<DenseGemm>(&s.op)) return &d->source;
        if (auto* c = std::get_if<TapConvolution>(&s.op)) return &c->source;
        return nullptr;
    }

    // ---- Tensors and storages ----

    std::size_t new_storage(Shape shape) {
        out_.storages.push_back(Storage{shape});
        return out_.storages.size() - 1;
    }

    std::size_t add_tensor(Tensor t) {
        out_.tensors.push_back(t);
        producer_.push_back(no_index);
        readers_.push_back(0);
        return out_.tensors.size() - 1;
    }

    // The whole of storage s: dense, or channel-strided if it is held channels first.
    std::size_t whole(std::size_t s) {
        const Shape shape = out_.storages[s].shape;
        const Extents3 e = extents3(shape);
        if (out_.storages[s].channels_first) return add_tensor({shape, s, 0, e.cols, 1, e.rows * e.cols});
        return add_tensor({shape, s, 0, e.cols * e.channels, e.channels});
    }

    // A model input or output of this shape is held channels first: the
    // layout asks for it and it has several channels and several pixels
    // (otherwise both orders are the same floats).
    bool held_channels_first(const Shape& shape) const {
        const Extents3 e = extents3(shape);
        return channels_first_ && shape.rank() == 3 && e.channels > 1 && e.rows * e.cols > 1;
    }

    const Tensor& tensor(std::size_t t) const { return out_.tensors[t]; }
    Storage& storage_of(std::size_t t) { return out_.storages[out_.tensors[t].storage]; }

    // The tensor is its storage, entire and dense, and the storage is placed
    // nowhere else: a step may read it as one dense block per image.
    bool dense_whole(std::size_t t) {
        const Tensor& x = tensor(t);
        const Storage& s = storage_of(t);
        const Extents3 e = extents3(x.shape);
        return s.parent == no_index && x.offset == 0 && x.shape.size() == s.shape.size() && x.channel == 1 &&
               x.pixel == e.channels && x.row == e.cols * e.channels;
    }

    // Tensor t with its channels adjacent, as every step but a convolution
    // and an elementwise one reads: itself, or a copy (of a model input held
    // channels first).
    std::size_t channels_adjacent(std::size_t t, std::size_t layer) {
        if (tensor(t).channel == 1) return t;
        const std::size_t copy = whole(new_storage(tensor(t).shape));
        push_copy(t, copy, fmt::format("{}: its input {} copied channels last", names_[layer],
                                       shape_extents(tensor(t).shape, "x")));
        return copy;
    }

    // Tensor t as a step that needs it dense reads it: itself (its place then
    // fixed), or a dense copy.
    std::size_t dense(std::size_t t, std::size_t layer) {
        if (!dense_whole(t)) {
            const std::size_t copy = whole(new_storage(tensor(t).shape));
            push_copy(t, copy, fmt::format("{}: dense copy of its input {}", names_[layer],
                                           shape_extents(tensor(t).shape, "x")));
            t = copy;
        }
        storage_of(t).pinned = true;
        return t;
    }

    // Puts tensor t at `offset` of storage `into` (a Concatenate's slice, a
    // padded interior): its storage moves there when every step writing it
    // can write through strides and nothing fixed its place; else a copy.
    void place(std::size_t t, std::size_t into, std::size_t offset, std::string head) {
        Storage& s = storage_of(t);
        if (dense_whole(t) && tensor(t).shape == s.shape && !s.pinned && s.strided_writers &&
            s.where == BufferRef::Where::arena) {
            s.parent = into;
            s.offset = offset;
            return;
        }
        const std::size_t slice = whole(into);
        out_.tensors[slice].shape = tensor(t).shape;
        out_.tensors[slice].offset = offset;
        push_copy(t, slice, std::move(head));
    }

    // Pixels a multiple of 2 KiB apart fall into one or two of the 64 sets
    // of 64 bytes an x86 L1 data cache has (32 KiB 8-way, 48 KiB 12-way): a
    // register tile reading eight or more of them each step evicts its own
    // lines (2.2x slower, measured on Zen 3 with 1024 channels). A
    // convolution reads such an input with one cache line more between its
    // pixels: its storage re-strided when the convolution alone reads it and
    // nothing fixed its layout, else a copy.
    static constexpr std::size_t aliasing_pixel = 512, pixel_pad = 16;  // floats

    std::size_t unaliased(std::size_t t, std::size_t layer) {
        const Tensor x = tensor(t);  // a copy: add_tensor below may move the tensors
        const Extents3 e = extents3(x.shape);
        if (x.shape.rank() != 3 || x.channel != 1 || x.pixel % aliasing_pixel != 0 || e.rows * e.cols == 1)
            return t;
        const Shape padded{e.rows, e.cols, x.pixel + pixel_pad};
        const std::size_t s = x.storage;
        if (readers_[t] == 1 && restridable(s)) {
            out_.storages[s].shape = padded;
            for (Tensor& y : out_.tensors)
                if (y.storage == s) y.pixel = padded[2], y.row = e.cols * padded[2];
            return t;
        }
        if (const auto done = unaliased_copies_.find(t); done != unaliased_copies_.end()) return done->second;
        const std::size_t storage = new_storage(padded);
        const std::size_t copy = add_tensor({x.shape, storage, 0, e.cols * padded[2], padded[2]});
        push_copy(t, copy, fmt::format("{}: its input {} copied with a cache line between pixels", names_[layer],
                                       shape_extents(x.shape, "x")));
        unaliased_copies_[t] = copy;
        return copy;
    }

    // Storage s may take other strides: an arena block by itself, written by
    // steps that write through strides, its tensors all of it.
    bool restridable(std::size_t s) const {
        const Storage& st = out_.storages[s];
        if (st.where != BufferRef::Where::arena || st.parent != no_index || st.pinned || !st.strided_writers)
            return false;
        for (const Storage& child : out_.storages)
            if (child.parent == s) return false;
        for (const Tensor& y : out_.tensors)
            if (y.storage == s && (y.offset != 0 || y.shape != st.shape || y.channel != 1)) return false;
        return true;
    }

    // The tensor layer i reads as its j-th input.
    std::size_t input_of(std::size_t i, std::size_t j = 0) const {
        const TensorRef r = m_.layers[i].inbound[j];
        return r.model_input ? inputs_[r.index] : value_[r.index];
    }

    // Layer i's output is tensor t.
    void bind(std::size_t i, std::size_t t) {
        value_[i] = t;
        readers_[t] += layer_readers_.count[i];
    }

    // Layer i's output is the very tensor it reads (Dropout, a pointwise
    // layer fused into the producer): its readers replace it among t's.
    void rebind(std::size_t i, std::size_t t) {
        value_[i] = t;
        readers_[t] += layer_readers_.count[i] - 1;
    }

    // The step that writes all of t, if t has one reader in all (the layer
    // asking, which may then fuse into that step).
    std::size_t sole_producer(std::size_t t) const {
        return readers_[t] == 1 ? producer_[t] : no_index;
    }

    // ---- Steps ----

    static Step make_step(StepOp op, Shape in, Shape out, std::size_t channels, std::size_t macs) {
        Step s;
        s.op = std::move(op);
        s.in_shape = in;
        s.out_shape = out;
        s.channels = channels;
        s.macs = macs;
        return s;
    }

    void push(Step s, std::string head, bool linear, std::size_t in, std::size_t out) {
        const bool strided = !std::holds_alternative<DenseGemm>(s.op) && !std::holds_alternative<Gather>(s.op);
        if (!strided) storage_of(out).strided_writers = false;
        out_.steps.push_back(std::move(s));
        out_.step_in.push_back(in);
        out_.step_out.push_back(out);
        heads_.push_back(std::move(head));
        open_.push_back(linear);
        producer_[out] = out_.steps.size() - 1;
    }

    void push_copy(std::size_t from, std::size_t to, std::string head) {
        const Shape shape = tensor(from).shape;
        push(make_step(Pointwise{}, shape, shape, extents3(shape).channels, 0), std::move(head), false, from, to);
    }

    // The activation a linear layer applies, as its step's first epilogue op.
    void add_activation(const LayerSpec& l, std::size_t i) {
        if (l.activation != Activation::linear)
            out_.steps.back().epilogue.push_back({PointwiseOp::Kind::activation, l.activation, 0.0f, i});
        open_.back() = l.activation == Activation::linear;
    }

    // ---- Layers ----

    // A pointwise layer: into the producer's weights, its epilogue, or a step of its own.
    void pointwise(PointwiseOp op, std::size_t i) {
        const std::size_t t = input_of(i);
        const Shape shape = tensor(t).shape;
        const std::size_t c = extents3(shape).channels;
        const bool channel_wise = op.kind == PointwiseOp::Kind::scale_shift;
        if (const std::size_t p = sole_producer(t);
            p != no_index && (!channel_wise || out_.steps[p].channels % c == 0)) {
            Step& s = out_.steps[p];
            LinearSource* lin = linear_source(s);
            if (channel_wise && open_[p] && lin != nullptr) {
                lin->folded.push_back(op.layer);
                lin->has_bias = true;
            } else {
                s.epilogue.push_back(op);
                open_[p] = false;
            }
            rebind(i, t);
            return;
        }
        Step s = make_step(Pointwise{}, shape, shape, c, 0);
        s.epilogue.push_back(op);
        const std::size_t out = whole(new_storage(shape));
        push(std::move(s), fmt::format("{}: {}", names_[op.layer], shape_extents(shape, "x")), false, t, out);
        bind(i, out);
    }

    void layer(std::size_t i) {
        for (const LayerRange& r : collapses_)
            if (r.first == i) return affine_chain(r);
        const LayerSpec& l = m_.layers[i];
        done_[i] = true;
        switch (l.kind) {
            case LayerKind::reshape:
            case LayerKind::flatten: return reshape(i);
            case LayerKind::dropout: return rebind(i, input_of(i));
            case LayerKind::relu: return pointwise({PointwiseOp::Kind::activation, Activation::relu, 0.0f, i}, i);
            case LayerKind::activation:
                if (l.activation == Activation::linear) return rebind(i, input_of(i));
                return pointwise({PointwiseOp::Kind::activation, l.activation, 0.0f, i}, i);
            case LayerKind::leaky_relu:
                return pointwise({PointwiseOp::Kind::leaky_relu, Activation::linear, l.alpha, i}, i);
            case LayerKind::batch_normalization:
                return pointwise({PointwiseOp::Kind::scale_shift, Activation::linear, 0.0f, i}, i);
            case LayerKind::dense: return dense_layer(i);
            case LayerKind::conv2d:
            case LayerKind::conv2d_transpose: return convolution(i, std::nullopt);
            case LayerKind::up_sampling2d: return upsampling(i);
            case LayerKind::concatenate: return concatenate(i);
            case LayerKind::add: return merge(i, false);
            case LayerKind::multiply: return merge(i, true);
            case LayerKind::embedding: return embedding(i);
            case LayerKind::zero_padding2d: return zero_padding(i);
            case LayerKind::cropping2d: return cropping(i);
        }
    }

    // Reshape and Flatten reinterpret a dense tensor in place.
    void reshape(std::size_t i) {
        const std::size_t t = dense(input_of(i), i);
        const Shape shape = m_.layers[i].output_shape;
        const Extents3 e = extents3(shape);
        const std::size_t view = add_tensor({shape, tensor(t).storage, 0, e.cols * e.channels, e.channels});
        if (readers_[input_of(i)] == 1) producer_[view] = producer_[t];
        bind(i, view);
    }

    void affine_chain(const LayerRange& r) {
        for (std::size_t k = r.first; k <= r.last; ++k) done_[k] = true;
        const Shape in = m_.layers[r.first].input_shape, out = m_.layers[r.last].output_shape;
        DenseGemm d{1, in.size(), out.size(), {}};
        d.source.kind = LinearSource::Kind::affine_chain;
        d.source.first = r.first;
        d.source.last = r.last;
        d.source.has_bias = true;
        const std::size_t x = dense(input_of(r.first), r.first), y = whole(new_storage(out));
        const std::string what =
            r.first == r.last ? fmt::format("{}: {}", names_[r.first], keras_class_name(m_.layers[r.first].kind))
                              : fmt::format("{}..{}: {} affine layers", names_[r.first], names_[r.last],
                                            r.last - r.first + 1);
        push(make_step(d, in, out, out.size(), in.size() * out.size()),
             fmt::format("{} {} -> {} as one {}x{} matrix", what, shape_extents(in, "x"), shape_extents(out, "x"),
                         in.size(), out.size()),
             true, x, y);
        const LayerSpec& last = m_.layers[r.last];
        if (is_linear_layer(last)) add_activation(last, r.last);
        bind(r.last, y);
    }

    void dense_layer(std::size_t i) {
        const LayerSpec& l = m_.layers[i];
        const std::size_t k = l.input_shape.channels(), n = std::size_t(l.units);
        DenseGemm d{l.input_shape.size() / k, k, n, {}};
        d.source.layer = i;
        d.source.has_bias = l.use_bias;
        const std::size_t x = dense(input_of(i), i), y = whole(new_storage(l.output_shape));
        push(make_step(d, l.input_shape, l.output_shape, n, l.input_shape.size() * n),
             fmt::format("{}: Dense {} -> {}", names_[i], shape_extents(l.input_shape, "x"),
                         shape_extents(l.output_shape, "x")),
             true, x, y);
        add_activation(l, i);
        bind(i, y);
    }

    // Conv2D or Conv2DTranspose layer i, after the nearest UpSampling2D `up`
    // or the ZeroPadding2D `pad` if given (its input then reads theirs).
    void convolution(std::size_t i, std::optional<std::size_t> up, std::optional<std::size_t> pad = std::nullopt) {
        const LayerSpec& l = m_.layers[i];
        const std::size_t x = unaliased(input_of(i), i);
        const Shape in = tensor(x).shape;
        const Size2 u = up ? m_.layers[*up].size : Size2{1, 1};
        const Margins z = pad ? m_.layers[*pad].margins : Margins{};
        TapConvolution c;
        c.kind = l.kind;
        c.upsample_rows = u.rows;
        c.upsample_cols = u.cols;
        const int h = int(in[0]), w = int(in[1]), oh = int(l.output_shape[0]), ow = int(l.output_shape[1]);
        if (l.kind == LayerKind::conv2d) {
            c.row_phases = conv_axis(h, u.rows, l.kernel_size.rows, l.strides.rows, l.padding, oh, z.top, z.bottom);
            c.col_phases = conv_axis(w, u.cols, l.kernel_size.cols, l.strides.cols, l.padding, ow, z.left, z.right);
        } else {
            c.row_phases = conv_transpose_axis(h, l.kernel_size.rows, l.strides.rows, l.padding, oh);
            c.col_phases = conv_transpose_axis(w, l.kernel_size.cols, l.strides.cols, l.padding, ow);
        }
        c.source.layer = i;
        c.source.has_bias = l.use_bias;
        const std::size_t phases = c.row_phases.size() * c.col_phases.size();
        const std::size_t macs = tap_convolution_macs(c, in.channels(), std::size_t(l.units));
        std::string head =
            up    ? fmt::format("{} + {}: UpSampling2D {}x{} + Conv2D {} -> {} ({} phases, pre-summed taps)",
                                names_[*up], names_[i], u.rows, u.cols, shape_extents(in, "x"),
                                shape_extents(l.output_shape, "x"), phases)
            : pad ? fmt::format("{} + {}: ZeroPadding2D + Conv2D {} -> {} (the zeros never multiplied)", names_[*pad],
                                names_[i], shape_extents(in, "x"), shape_extents(l.output_shape, "x"))
                  : fmt::format("{}: {} {} -> {}{}", names_[i], keras_class_name(l.kind),
                                shape_extents(in, "x"), shape_extents(l.output_shape, "x"),
                                phases > 1 ? fmt::format(" ({} phases)", phases) : "");
        const std::size_t y = whole(new_storage(l.output_shape));
        push(make_step(std::move(c), in, l.output_shape, std::size_t(l.units), macs), std::move(head), true, x, y);
        add_activation(l, i);
        bind(i, y);
    }

    // The layer that alone reads layer k's output, reading nothing else.
    std::optional<std::size_t> sole_reader(std::size_t k) const {
        if (layer_readers_.count[k] != 1 || layer_readers_.layers[k].size() != 1) return std::nullopt;
        const std::size_t r = layer_readers_.layers[k].front();
        if (m_.layers[r].inbound_count != 1) return std::nullopt;
        return r;
    }

    // UpSampling2D layer i: fused into a Conv2D that alone reads it (pointwise
    // layers between commute with nearest upsampling and move before it),
    // else a step.
    void upsampling(std::size_t i) {
        const LayerSpec& l = m_.layers[i];
        if (l.interpolation == Interpolation::nearest) {
            std::optional<std::size_t> j = sole_reader(i);
            std::vector<std::size_t> between;
            while (j && is_pointwise(m_.layers[*j]) && !starts_collapse(*j)) {
                between.push_back(*j);
                j = sole_reader(*j);
            }
            if (j && m_.layers[*j].kind == LayerKind::conv2d && !starts_collapse(*j)) {
                rebind(i, input_of(i));  // the low-resolution tensor stands for it
                for (std::size_t p : between) layer(p);
                done_[*j] = true;
                convolution(*j, i);
                return;
            }
        }
        const std::size_t x = channels_adjacent(input_of(i), i);
        const Shape in = tensor(x).shape, out = l.output_shape;
        const bool nearest = l.interpolation == Interpolation::nearest;
        StepOp op = nearest ? StepOp(UpsampleNearest{l.size.rows, l.size.cols})
                            : StepOp(UpsampleBilinear{l.size.rows, l.size.cols, l.interpolation});
        const std::size_t y = whole(new_storage(out));
        push(make_step(std::move(op), in, out, in.channels(), 0),
             fmt::format("{}: UpSampling2D {} {}x{} {} -> {}", names_[i], keras_name(l.interpolation),
                         l.size.rows, l.size.cols, shape_extents(in, "x"), shape_extents(out, "x")),
             false, x, y);
        bind(i, y);
    }

    // Each operand goes to its slice of the joined tensor: written there by
    // its producer when it can, else copied.
    void concatenate(std::size_t i) {
        const LayerSpec& l = m_.layers[i];
        const std::size_t joined = new_storage(l.output_shape);
        const std::size_t rank = l.output_shape.rank();
        const auto axis = std::size_t(shape_rules::concat_axis(l.axis, rank));
        const Extents3 e = extents3(l.output_shape);
        const std::size_t strides[3] = {e.cols * e.channels, e.channels, 1};
        const std::size_t stride = strides[axis + 3 - rank];
        std::size_t at = 0;
        for (std::size_t j = 0; j < l.inbound_count; ++j) {
            const std::size_t t = input_of(i, j);
            place(t, joined, at * stride,
                  fmt::format("{}: Concatenate, input {} {} copied into its slice", names_[i], j,
                              shape_extents(tensor(t).shape, "x")));
            at += tensor(t).shape[axis];
        }
        bind(i, whole(joined));
    }

    // Add, Multiply: an operand nothing else reads becomes the result in
    // place (the one written first), else the first is copied; each further
    // operand merges in: an Add's operand from a linear step with nothing
    // applied after it by starting that step's accumulators from the result
    // (no pass of its own), any other by a merge step.
    void merge(std::size_t i, bool multiply) {
        const LayerSpec& l = m_.layers[i];
        std::size_t base = no_index;
        for (std::size_t j = 0; j < l.inbound_count; ++j) {
            const std::size_t t = input_of(i, j), p = sole_producer(t);
            if (p != no_index && dense_whole(t) && storage_of(t).where == BufferRef::Where::arena &&
                (base == no_index || p < producer_[input_of(i, base)]))
                base = j;
        }
        std::size_t result = base == no_index ? no_index : input_of(i, base);
        if (base == no_index) {
            base = 0;
            result = whole(new_storage(l.output_shape));
            push_copy(input_of(i, 0), result, fmt::format("{}: {}, input 0 {} copied", names_[i],
                                                          keras_class_name(l.kind), shape_extents(l.output_shape, "x")));
        }
        const std::size_t ready = producer_[result];  // the step after which the result holds the base
        std::size_t last = ready;
        const Extents3 e = extents3(l.output_shape);
        for (std::size_t j = 0; j < l.inbound_count; ++j) {
            if (j == base) continue;
            const std::size_t t = input_of(i, j), p = sole_producer(t);
            LinearSource* lin = p != no_index ? linear_source(out_.steps[p]) : nullptr;
            if (!multiply && lin && open_[p] && out_.steps[p].epilogue.empty() && p > ready && dense_whole(t) &&
                !lin->adds_to_output) {
                lin->adds_to_output = true;
                lin->added_by = i;
                open_[p] = false;
                out_.step_out[p] = result;
                if (std::holds_alternative<DenseGemm>(out_.steps[p].op)) storage_of(result).strided_writers = false;
                last = std::max(last, p);
                continue;
            }
            push(make_step(Merge{multiply}, l.output_shape, l.output_shape, e.channels, 0),
                 fmt::format("{}: {} input {} {}", names_[i], keras_class_name(l.kind), j,
                             shape_extents(l.output_shape, "x")),
                 false, t, result);
            last = out_.steps.size() - 1;
        }
        producer_[result] = last;
        readers_[result] = 0;
        bind(i, result);
    }

    void embedding(std::size_t i) {
        const LayerSpec& l = m_.layers[i];
        const std::size_t x = dense(input_of(i), i), y = whole(new_storage(l.output_shape));
        const Gather g{i, names_[i], l.input_shape.size(), std::size_t(l.units), l.input_dim};
        push(make_step(g, l.input_shape, l.output_shape, std::size_t(l.units), 0),
             fmt::format("{}: Embedding {} labels -> {}", names_[i], g.labels, shape_extents(l.output_shape, "x")),
             false, x, y);
        bind(i, y);
    }

    // ZeroPadding2D: folded into a Conv2D that alone reads it (its zeros are
    // taps outside the image), else a border around an interior.
    void zero_padding(std::size_t i) {
        const LayerSpec& l = m_.layers[i];
        if (const auto j = sole_reader(i); j && m_.layers[*j].kind == LayerKind::conv2d && !starts_collapse(*j)) {
            rebind(i, input_of(i));  // the unpadded tensor stands for it
            done_[*j] = true;
            convolution(*j, std::nullopt, i);
            return;
        }
        const std::size_t padded = new_storage(l.output_shape), out = whole(padded);
        push(make_step(ZeroBorder{l.margins}, {}, l.output_shape, l.output_shape.channels(), 0),
             fmt::format("{}: ZeroPadding2D border of {}", names_[i], shape_extents(l.output_shape, "x")), false,
             no_index, out);
        const std::size_t x = input_of(i);
        place(x, padded, std::size_t(l.margins.top) * tensor(out).row + std::size_t(l.margins.left) * tensor(out).pixel,
              fmt::format("{}: ZeroPadding2D interior {} copied", names_[i], shape_extents(tensor(x).shape, "x")));
        producer_[out] = no_index;
        bind(i, out);
    }

    // Cropping2D: a view of its input, read in place.
    void cropping(std::size_t i) {
        const LayerSpec& l = m_.layers[i];
        const std::size_t x = input_of(i);
        Tensor view = tensor(x);
        view.shape = l.output_shape;
        view.offset += std::size_t(l.margins.top) * view.row + std::size_t(l.margins.left) * view.pixel;
        bind(i, add_tensor(view));
    }

    // The last layer's tensor in the output buffer: its storage goes there
    // when it is the whole of one (and, held channels first, every step
    // writing it can write so), else a copy.
    void to_output() {
        const std::size_t t = m_.layers.empty() ? inputs_.front() : value_.back();
        const bool first = held_channels_first(m_.output_shape());
        if (dense_whole(t) && storage_of(t).where == BufferRef::Where::arena &&
            (!first || writable_channels_first(tensor(t).storage))) {
            storage_of(t).where = BufferRef::Where::output;
            if (first) hold_channels_first(tensor(t).storage);
            return;
        }
        const std::size_t storage = new_storage(m_.output_shape());
        out_.storages[storage].where = BufferRef::Where::output;
        out_.storages[storage].channels_first = first;
        const std::size_t out = whole(storage);
        push_copy(t, out,
                  out_.steps.empty() ? "input: copy " + shape_extents(m_.input_shape(), "x")
                                     : fmt::format("output: copy {}", shape_extents(m_.output_shape(), "x")));
    }

    // Storage s may become channel-strided: it is written only whole, by
    // steps that write through a channel stride (a convolution that does not
    // add to what it holds, a pointwise step, a merge), and read by none.
    bool writable_channels_first(std::size_t s) const {
        for (const Storage& child : out_.storages)
            if (child.parent == s) return false;
        for (const Tensor& x : out_.tensors)
            if (x.storage == s && (x.offset != 0 || x.shape != out_.storages[s].shape)) return false;
        for (std::size_t k = 0; k < out_.steps.size(); ++k) {
            if (out_.step_in[k] != no_index && tensor(out_.step_in[k]).storage == s) return false;
            if (tensor(out_.step_out[k]).storage != s) continue;
            const StepOp& op = out_.steps[k].op;
            const auto* conv = std::get_if<TapConvolution>(&op);
            if (!(conv && !conv->source.adds_to_output) && !std::holds_alternative<Pointwise>(op) &&
                !std::holds_alternative<Merge>(op))
                return false;
        }
        return true;
    }

    void hold_channels_first(std::size_t s) {
        out_.storages[s].channels_first = true;
        const Extents3 e = extents3(out_.storages[s].shape);
        for (Tensor& x : out_.tensors)
            if (x.storage == s) x.row = e.cols, x.pixel = 1, x.channel = e.rows * e.cols;
    }

    bool starts_collapse(std::size_t i) const {
        for (const LayerRange& r : collapses_)
            if (r.first == i) return true;
        return false;
    }

    const ModelSpec& m_;
    std::vector<std::string> names_;
    Readers layer_readers_;
    std::vector<LayerRange> collapses_;
    bool channels_first_;  // the caller holds the model's images channels first
    Lowered out_;
    std::vector<std::string> heads_;
    std::vector<bool> open_;  // per step: linear with nothing applied after it yet
    std::vector<std::size_t> inputs_;  // the model inputs' tensors
    std::vector<std::size_t> value_;   // per layer: its output's tensor
    std::vector<bool> done_;           // per layer: lowered (some are, ahead of their turn)
    std::vector<std::size_t> producer_;      // per tensor: the step that writes all of it
    std::vector<std::size_t> readers_;   // per tensor: its readers in all (layers, and the output)
    std::map<std::size_t, std::size_t> unaliased_copies_;  // tensor -> its copy with spread pixels
};

}  // namespace

Plan make_plan(const ModelSpec& model, const PlanOptions& options) {
    return plan_buffers(Lowering(model, options).run(), model, options);
}

}  // namespace ganforge::codegen
