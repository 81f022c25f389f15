// The DSL's umbrella header: everything needed to declare a model and print
// its summary, without the runtime (<ganforge/ganforge.hpp> adds it).
#pragma once

#include <ganforge/core/error.hpp>
#include <ganforge/core/layer_types.hpp>
#include <ganforge/dsl/functional.hpp>
#include <ganforge/dsl/input.hpp>
#include <ganforge/dsl/model.hpp>
#include <ganforge/dsl/node.hpp>
#include <ganforge/dsl/sequential.hpp>
#include <ganforge/dsl/summary.hpp>
