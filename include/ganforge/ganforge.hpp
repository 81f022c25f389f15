// The umbrella header: everything needed to declare, inspect and run a model.
#pragma once

#include <ganforge/dsl.hpp>
#include <ganforge/readers/load_weights.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/runtime/thread_pool.hpp>
#include <ganforge/runtime/weights.hpp>
