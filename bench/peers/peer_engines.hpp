// The three peer libraries a user would otherwise reach for, each running any
// ModelSpec translated op by op from fold_for_peers (no per-model code), single
// threaded, in its best layout, set up once in the factory (peers.inc lists
// them). Each is compiled only when its library is found; the libtorch one sits
// alone in its translation unit because its headers are heavy.
#pragma once

#include <ganforge/bench/engine.hpp>

namespace ganforge::bench {

// oneDNN: NHWC activations, weights reordered once to the format each
// primitive prefers, activations as post-ops; OpenMP limited to one thread.
std::unique_ptr<Engine> make_onednn_engine(const WeightStore& weights, Inputs inputs, std::size_t batch);

// libtorch (PyTorch's C++ API, ATen operators): NCHW, InferenceMode, one
// intra-op thread; GEMMs go to whatever BLAS the process loaded.
std::unique_ptr<Engine> make_libtorch_engine(const WeightStore& weights, Inputs inputs, std::size_t batch);

// XNNPACK: f32 NHWC operators created (weights packed) and set up once, no
// thread pool. It has no nearest upsampling and no tanh: those run as plain
// loops, as a user would write them.
std::unique_ptr<Engine> make_xnnpack_engine(const WeightStore& weights, Inputs inputs, std::size_t batch);

}  // namespace ganforge::bench
