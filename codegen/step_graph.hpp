// The steps lowering builds and the tensors they read and write, as places
// in storages (lowered.hpp), with what lowering's decisions need to know of
// each tensor: the step that writes all of it and how many read it. Knows
// nothing of layers: lowering.hpp turns layers into these.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "codegen/lowered.hpp"

namespace ganforge::codegen {

Step make_step(StepOp op, Shape in, Shape out, std::size_t channels, std::size_t macs);

// Where a linear step's weights come from; nullptr for any other step.
LinearSource* linear_source(Step& s);

class StepGraph {
public:
    // ---- Storages and tensors ----

    std::size_t new_storage(Shape shape);
    std::size_t add_tensor(Tensor t);
    // The whole of storage s: dense, or channel-strided if it is held channels first.
    std::size_t whole(std::size_t s);

    const Tensor& tensor(std::size_t t) const { return out_.tensors[t]; }
    Storage& storage(std::size_t s) { return out_.storages[s]; }
    Storage& storage_of(std::size_t t) { return out_.storages[out_.tensors[t].storage]; }
    const Storage& storage_of(std::size_t t) const { return out_.storages[out_.tensors[t].storage]; }
    // What has been built: for decisions that look at every storage, tensor or step.
    const Lowered& lowered() const { return out_; }

    // The tensor is its storage, entire and dense, and the storage is placed
    // nowhere else: a step may read it as one dense block per image.
    bool dense_whole(std::size_t t) const;

    // Every tensor of storage s takes these strides (the storage re-laid out
    // as a whole).
    void set_strides(std::size_t s, std::size_t row, std::size_t pixel, std::size_t channel);

    // Per tensor: its readers in all (layers, and the output), and the step
    // that writes all of it (no_index: none, or not one).
    std::size_t& readers(std::size_t t) { return readers_[t]; }
    std::size_t& producer(std::size_t t) { return producer_[t]; }

    // The step that writes all of t, if t has one reader in all (the layer
    // asking, which may then fuse into that step).
    std::size_t sole_producer(std::size_t t) const { return readers_[t] == 1 ? producer_[t] : no_index; }

    // ---- Steps ----

    // Step s reads tensor `in` and writes `out`; `head` starts its name and
    // `linear` says it is a linear step nothing is applied after yet.
    void push(Step s, std::string head, bool linear, std::size_t in, std::size_t out);
    void push_copy(std::size_t from, std::size_t to, std::string head);

    std::size_t step_count() const { return out_.steps.size(); }
    Step& step(std::size_t k) { return out_.steps[k]; }
    const std::string& head(std::size_t k) const { return heads_[k]; }

    // Step k is linear with nothing applied after it yet: a BatchNormalization
    // may fold into its weights, an Add into its accumulators.
    bool open(std::size_t k) const { return open_[k]; }
    void close(std::size_t k) { open_[k] = false; }

    // Step k writes tensor t instead (a step that adds to what t holds).
    void write_into(std::size_t k, std::size_t t);

    // ---- A tensor as a step needs it ----

    // Tensor t with its channels adjacent, as every step but a convolution
    // and an elementwise one reads: itself, or a copy (of a model input held
    // channels first) for the layer named `layer`.
    std::size_t channels_adjacent(std::size_t t, std::string_view layer);

    // Tensor t as a step that needs it dense reads it: itself (its place then
    // fixed), or a dense copy.
    std::size_t dense(std::size_t t, std::string_view layer);

    // Puts tensor t at `offset` of storage `into` (a Concatenate's slice, a
    // padded interior): its storage moves there when every step writing it
    // can write through strides and nothing fixed its place; else a copy.
    void place(std::size_t t, std::size_t into, std::size_t offset, std::string head);

    // The steps, storages and tensors, with the steps still unnamed.
    Lowered release() && { return std::move(out_); }

private:
    Lowered out_;
    std::vector<std::string> heads_;     // per step: its name's start
    std::vector<bool> open_;             // per step: linear with nothing applied after it yet
    std::vector<std::size_t> producer_;  // per tensor: the step that writes all of it
    std::vector<std::size_t> readers_;   // per tensor: its readers in all (layers, and the output)
};

}  // namespace ganforge::codegen
