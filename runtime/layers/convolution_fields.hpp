// What Conv2D and Conv2DTranspose share outside their kernels: the config
// fields they read and the DSL fields they write.
#pragma once

#include "runtime/keras_config_fields.hpp"
#include "runtime/layer_runtime.hpp"

namespace ganforge {

// filters, kernel_size, strides, padding, activation, use_bias; refuses
// dilation and groups. The DSL fields add Conv2DTranspose's output_padding.
LayerSpec convolution_from_config(const KerasConfigFields& f, LayerKind kind);

void convolution_dsl_fields(const LayerSpec& l, DslFields& fields);

}  // namespace ganforge
