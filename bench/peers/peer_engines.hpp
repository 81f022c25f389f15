// The three peer libraries a user would otherwise reach for, each running any
// ModelSpec translated op by op from fold_for_peers (no per-model code), on
// `threads` threads of its own pool, in its best layout, set up once in the
// factory (peers.inc lists them). Each is compiled only when its library is found; the libtorch one sits
// alone in its translation unit because its headers are heavy.
#pragma once

#include "bench/engine.hpp"

namespace ganforge::bench {

// oneDNN: NHWC activations, weights reordered once to the format each
// primitive prefers, activations as post-ops; OpenMP set to `threads`.
std::unique_ptr<Engine> make_onednn_engine(const WeightStore& weights, Inputs inputs, std::size_t batch,
                                           std::size_t threads);

// libtorch (PyTorch's C++ API, ATen operators): NCHW, InferenceMode,
// `threads` intra-op threads (and BLAS threads); GEMMs go to whatever BLAS
// the process loaded.
std::unique_ptr<Engine> make_libtorch_engine(const WeightStore& weights, Inputs inputs, std::size_t batch,
                                             std::size_t threads);

// XNNPACK: f32 NHWC operators created (weights packed) and set up once, on a
// pthreadpool of `threads` (none for one). It has no nearest upsampling and
// no tanh: those run as plain loops, as a user would write them.
std::unique_ptr<Engine> make_xnnpack_engine(const WeightStore& weights, Inputs inputs, std::size_t batch,
                                            std::size_t threads);

}  // namespace ganforge::bench
