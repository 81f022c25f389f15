#include "codegen/step_graph.hpp"

#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

namespace ganforge::codegen {

Step make_step(StepOp op, Shape in, Shape out, std::size_t channels, std::size_t macs) {
    Step s;
    s.op = std::move(op);
    s.in_shape = in;
    s.out_shape = out;
    s.channels = channels;
    s.macs = macs;
    return s;
}

LinearSource* linear_source(Step& s) {
    if (auto* d = std::get_if<DenseGemm>(&s.op)) return &d->source;
    if (auto* c = std::get_if<TapConvolution>(&s.op)) return &c->source;
    return nullptr;
}

namespace {

// A matrix product (Dense, a collapsed chain) and an Embedding's gather write
// their outputs dense; every other step writes through its output's strides.
bool writes_through_strides(const StepOp& op) {
    return !std::holds_alternative<DenseGemm>(op) && !std::holds_alternative<Gather>(op);
}

}  // namespace

std::size_t StepGraph::new_storage(Shape shape) {
    out_.storages.push_back(Storage{shape});
    return out_.storages.size() - 1;
}

std::size_t StepGraph::add_tensor(Tensor t) {
    out_.tensors.push_back(t);
    producer_.push_back(no_index);
    readers_.push_back(0);
    return out_.tensors.size() - 1;
}

std::size_t StepGraph::whole(std::size_t s) {
    const Shape shape = out_.storages[s].shape;
    const Extents3 e = extents3(shape);
    if (out_.storages[s].channels_first) return add_tensor({shape, s, 0, e.cols, 1, e.rows * e.cols});
    return add_tensor({shape, s, 0, e.cols * e.channels, e.channels});
}

bool StepGraph::dense_whole(std::size_t t) const {
    const Tensor& x = tensor(t);
    const Storage& s = storage_of(t);
    const Extents3 e = extents3(x.shape);
    return s.parent == no_index && x.offset == 0 && x.shape.size() == s.shape.size() && x.channel == 1 &&
           x.pixel == e.channels && x.row == e.cols * e.channels;
}

void StepGraph::set_strides(std::size_t s, std::size_t row, std::size_t pixel, std::size_t channel) {
    for (Tensor& x : out_.tensors)
        if (x.storage == s) x.row = row, x.pixel = pixel, x.channel = channel;
}

void StepGraph::push(Step s, std::string head, bool linear, std::size_t in, std::size_t out) {
    if (!writes_through_strides(s.op)) storage_of(out).strided_writers = false;
    out_.steps.push_back(std::move(s));
    out_.step_in.push_back(in);
    out_.step_out.push_back(out);
    heads_.push_back(std::move(head));
    open_.push_back(linear);
    producer_[out] = out_.steps.size() - 1;
}

void StepGraph::push_copy(std::size_t from, std::size_t to, std::string head) {
    const Shape shape = tensor(from).shape;
    push(make_step(Pointwise{}, shape, shape, extents3(shape).channels, 0), std::move(head), false, from, to);
}

void StepGraph::write_into(std::size_t k, std::size_t t) {
    out_.step_out[k] = t;
    if (!writes_through_strides(out_.steps[k].op)) storage_of(t).strided_writers = false;
}

std::size_t StepGraph::channels_adjacent(std::size_t t, std::string_view layer) {
    if (tensor(t).channel == 1) return t;
    const std::size_t copy = whole(new_storage(tensor(t).shape));
    push_copy(t, copy,
              fmt::format("{}: its input {} copied channels last", layer, shape_extents(tensor(t).shape, "x")));
    return copy;
}

std::size_t StepGraph::dense(std::size_t t, std::string_view layer) {
    if (!dense_whole(t)) {
        const std::size_t copy = whole(new_storage(tensor(t).shape));
        push_copy(t, copy, fmt::format("{}: dense copy of its input {}", layer, shape_extents(tensor(t).shape, "x")));
        t = copy;
    }
    storage_of(t).pinned = true;
    return t;
}

void StepGraph::place(std::size_t t, std::size_t into, std::size_t offset, std::string head) {
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

}  // namespace ganforge::codegen
