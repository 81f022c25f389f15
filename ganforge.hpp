// The umbrella header: everything needed to declare, inspect and run a model.
#pragma once

#include <ganforge/dsl/activation_layer.hpp>
#include <ganforge/dsl/batch_normalization.hpp>
#include <ganforge/dsl/conv2d.hpp>
#include <ganforge/dsl/conv2d_transpose.hpp>
#include <ganforge/dsl/dense.hpp>
#include <ganforge/dsl/dropout.hpp>
#include <ganforge/dsl/flatten.hpp>
#include <ganforge/dsl/input.hpp>
#include <ganforge/dsl/leaky_relu.hpp>
#include <ganforge/dsl/relu.hpp>
#include <ganforge/dsl/reshape.hpp>
#include <ganforge/dsl/sequential.hpp>
#include <ganforge/dsl/up_sampling2d.hpp>
#include <ganforge/dsl/summary.hpp>
#include <ganforge/core/error.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/runtime/load_weights.hpp>
#include <ganforge/runtime/weights.hpp>
