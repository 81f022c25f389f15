// The engines the benchmarks compare, by the names outside scripts rely on:
// interpreter, generated, onednn, libtorch, xnnpack. A peer is present when
// its library loaded at configure time; `generated` for a model when its
// generated code is part of the build.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "bench/engine.hpp"

namespace ganforge::bench {

// In report order.
std::vector<std::string_view> engine_names();

// Whether `engine` runs `model` with each call spread over `threads`: the
// generated code with a ganforge::ThreadPool, each peer with its own pool;
// the interpreter (the reference) with one.
bool engine_runs(std::string_view engine, std::string_view model, std::size_t threads = 1);

// The engine set up on `weights` for `inputs`, `threads` per call. `model`
// names the bench model, which only the generated engine needs (each
// generated class is one model). Throws ganforge::Error if the engine cannot
// express the model.
std::unique_ptr<Engine> make_engine(std::string_view engine, std::string_view model, const WeightStore& weights,
                                    Inputs inputs, std::size_t batch, std::size_t threads = 1);

}  // namespace ganforge::bench
