// The umbrella header: everything needed to declare, inspect and run a model.
#pragma once

#include <ganforge/core/layer_types.hpp>
#include <ganforge/dsl/functional.hpp>
#include <ganforge/dsl/input.hpp>
#include <ganforge/dsl/model.hpp>
#include <ganforge/dsl/node.hpp>
#include <ganforge/dsl/sequential.hpp>
#include <ganforge/dsl/summary.hpp>
#include <ganforge/core/error.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/runtime/load_weights.hpp>
#include <ganforge/runtime/thread_pool.hpp>
#include <ganforge/runtime/weights.hpp>
