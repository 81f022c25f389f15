// Turns the first fault of a chain (shape_inference.hpp) into exactly one
// static_assert whose message names the layer's class, its position and the
// mismatch. The values involved appear as the named template arguments of
// the failing function, which the compiler prints beside the message:
//   In instantiation of '... Reshape_target_shape_holds_a_different_count()
//     [with long unsigned int layer = 2; long long int target_shape_values = 3175;
//      long long int input_values = 3200]'
//   error: static assertion failed: Reshape (layer 2): target_shape must hold
//     as many values as its input
// Only the function for the fault found is instantiated, so a bad chain gives
// one error, not a cascade.
#pragma once

#include <cstddef>

#include <boost/preprocessor/repetition/repeat_from_to.hpp>
#include <boost/preprocessor/stringize.hpp>
#include <boost/preprocessor/tuple/elem.hpp>

#include <ganforge/core/shape_inference.hpp>

// static_assert messages must be literals, so the position is spelled by one
// assertion per possible position; the one matching `layer` fires.
#define GANFORGE_DIAGNOSTIC_AT(z, n, cls_text)                                        \
    static_assert(layer != n, BOOST_PP_TUPLE_ELEM(2, 0, cls_text) " (layer " #n "): " \
                                  BOOST_PP_TUPLE_ELEM(2, 1, cls_text));
#define GANFORGE_DIAGNOSTIC(cls, text)                                        \
    BOOST_PP_REPEAT_FROM_TO(0, 65, GANFORGE_DIAGNOSTIC_AT, (cls, text))      \
    static_assert(layer <= 64, cls " (layer 65 or later): " text);

namespace ganforge::chain_diagnostics {

template <std::size_t layer, long long input_values>
constexpr void Input_shape_has_a_zero_extent() {
    GANFORGE_DIAGNOSTIC("Input", "every extent of shape must be positive")
}
template <std::size_t layer, long long units>
constexpr void Dense_units_not_positive() {
    GANFORGE_DIAGNOSTIC("Dense", "units must be positive")
}
template <std::size_t layer, long long filters>
constexpr void Conv2D_filters_not_positive() {
    GANFORGE_DIAGNOSTIC("Conv2D", "filters must be positive")
}
template <std::size_t layer, long long filters>
constexpr void Conv2DTranspose_filters_not_positive() {
    GANFORGE_DIAGNOSTIC("Conv2DTranspose", "filters must be positive")
}
template <std::size_t layer, long long kernel_rows, long long kernel_cols>
constexpr void Conv2D_kernel_size_not_positive() {
    GANFORGE_DIAGNOSTIC("Conv2D", "kernel_size must be positive")
}
template <std::size_t layer, long long kernel_rows, long long kernel_cols>
constexpr void Conv2DTranspose_kernel_size_not_positive() {
    GANFORGE_DIAGNOSTIC("Conv2DTranspose", "kernel_size must be positive")
}
template <std::size_t layer, long long stride_rows, long long stride_cols>
constexpr void Conv2D_strides_not_positive() {
    GANFORGE_DIAGNOSTIC("Conv2D", "strides must be positive")
}
template <std::size_t layer, long long stride_rows, long long stride_cols>
constexpr void Conv2DTranspose_strides_not_positive() {
    GANFORGE_DIAGNOSTIC("Conv2DTranspose", "strides must be positive")
}
template <std::size_t layer, long long size_rows, long long size_cols>
constexpr void UpSampling2D_size_not_positive() {
    GANFORGE_DIAGNOSTIC("UpSampling2D", "size must be positive")
}
template <std::size_t layer, long long flat_input_values>
constexpr void Conv2D_on_a_flat_input() {
    GANFORGE_DIAGNOSTIC("Conv2D", "needs an image input (height, width, channels), got a flat one; "
                                  "add a Reshape before it")
}
template <std::size_t layer, long long flat_input_values>
constexpr void Conv2DTranspose_on_a_flat_input() {
    GANFORGE_DIAGNOSTIC("Conv2DTranspose",
                        "needs an image input (height, width, channels), got a flat one; "
                        "add a Reshape before it")
}
template <std::size_t layer, long long flat_input_values>
constexpr void UpSampling2D_on_a_flat_input() {
    GANFORGE_DIAGNOSTIC("UpSampling2D",
                        "needs an image input (height, width, channels), got a flat one; "
                        "add a Reshape before it")
}
template <std::size_t layer, long long kernel_rows, long long kernel_cols,
          long long input_height, long long input_width>
constexpr void Conv2D_kernel_larger_than_input() {
    GANFORGE_DIAGNOSTIC("Conv2D",
                        "kernel_size is larger than its input, which padding='valid' cannot "
                        "convolve; use padding=same or a smaller kernel")
}
template <std::size_t layer, long long target_rows, long long target_cols,
          long long target_channels>
constexpr void Reshape_target_shape_has_a_zero_extent() {
    GANFORGE_DIAGNOSTIC("Reshape", "every extent of target_shape must be positive")
}
template <std::size_t layer, long long target_shape_values, long long input_values>
constexpr void Reshape_target_shape_holds_a_different_count() {
    GANFORGE_DIAGNOSTIC("Reshape", "target_shape must hold as many values as its input")
}
template <std::size_t layer, long long rate_in_millionths>
constexpr void Dropout_rate_out_of_range() {
    GANFORGE_DIAGNOSTIC("Dropout", "rate must be in [0, 1]")
}
template <std::size_t layer, LayerKind kind, long long inputs_read>
constexpr void Layer_takes_one_input() {
    GANFORGE_DIAGNOSTIC("Layer", "reads several tensors, but only Concatenate, Add and Multiply take more "
                                 "than one")
}
template <std::size_t layer, LayerKind kind, long long inbound, long long index>
constexpr void Layer_reads_a_tensor_not_before_it() {
    GANFORGE_DIAGNOSTIC("Layer", "reads a tensor that does not come before it")
}
template <std::size_t layer, long long axis, long long rank_with_batch>
constexpr void Concatenate_axis_out_of_range() {
    GANFORGE_DIAGNOSTIC("Concatenate", "axis is outside its inputs' axes (the batch axis is 0, -1 the last)")
}
template <std::size_t layer, long long input, long long axis, long long extent, long long first_inputs_extent>
constexpr void Concatenate_inputs_differ_off_the_axis() {
    GANFORGE_DIAGNOSTIC("Concatenate", "its inputs differ on an axis other than the one it joins")
}
template <std::size_t layer, long long input, long long axis, long long extent, long long first_inputs_extent>
constexpr void Add_inputs_differ() {
    GANFORGE_DIAGNOSTIC("Add", "its inputs' shapes differ; Add needs equal shapes (it does not broadcast)")
}
template <std::size_t layer, long long input, long long axis, long long extent, long long first_inputs_extent>
constexpr void Multiply_inputs_differ() {
    GANFORGE_DIAGNOSTIC("Multiply", "its inputs' shapes differ; Multiply needs equal shapes (it does not broadcast)")
}
template <std::size_t layer, long long input_dim>
constexpr void Embedding_input_dim_not_positive() {
    GANFORGE_DIAGNOSTIC("Embedding", "input_dim must be positive")
}
template <std::size_t layer, long long output_dim>
constexpr void Embedding_output_dim_not_positive() {
    GANFORGE_DIAGNOSTIC("Embedding", "output_dim must be positive")
}
template <std::size_t layer, long long output_rank>
constexpr void Embedding_output_rank_too_high() {
    GANFORGE_DIAGNOSTIC("Embedding", "its input has too many axes: ganforge tensors have at most 3 besides the batch")
}
template <std::size_t layer, long long top, long long bottom, long long left, long long right>
constexpr void ZeroPadding2D_padding_negative() {
    GANFORGE_DIAGNOSTIC("ZeroPadding2D", "padding must not be negative")
}
template <std::size_t layer, long long top, long long bottom, long long left, long long right>
constexpr void Cropping2D_cropping_negative() {
    GANFORGE_DIAGNOSTIC("Cropping2D", "cropping must not be negative")
}
template <std::size_t layer, long long rows_cropped, long long height, long long cols_cropped, long long width>
constexpr void Cropping2D_crops_everything() {
    GANFORGE_DIAGNOSTIC("Cropping2D", "cropping leaves no rows or no columns of its input")
}
template <std::size_t layer, long long output_padding_rows, long long output_padding_cols>
constexpr void Conv2DTranspose_output_padding_needs_valid() {
    GANFORGE_DIAGNOSTIC("Conv2DTranspose", "output_padding needs padding 'valid'")
}
template <std::size_t layer, long long output_padding_rows, long long output_padding_cols, long long stride_rows,
          long long stride_cols>
constexpr void Conv2DTranspose_output_padding_not_below_strides() {
    GANFORGE_DIAGNOSTIC("Conv2DTranspose", "output_padding must be at least 0 and less than strides")
}
template <std::size_t layer, long long flat_input_values>
constexpr void ZeroPadding2D_on_a_flat_input() {
    GANFORGE_DIAGNOSTIC("ZeroPadding2D", "needs an image input (height, width, channels); add a Reshape before it")
}
template <std::size_t layer, long long flat_input_values>
constexpr void Cropping2D_on_a_flat_input() {
    GANFORGE_DIAGNOSTIC("Cropping2D", "needs an image input (height, width, channels); add a Reshape before it")
}

template <auto>
constexpr bool unhandled = false;

// One branch per fault; the discarded ones are never instantiated.
template <ChainError e>
constexpr bool report() {
    constexpr auto n = e.layer;
    constexpr auto v = e.values;
    constexpr auto k = e.kind;
    if constexpr (e.fault == ChainFault::none) {
    } else if constexpr (e.fault == ChainFault::input_zero_extent)
        Input_shape_has_a_zero_extent<n, v[0]>();
    else if constexpr (e.fault == ChainFault::units_not_positive) {
        if constexpr (k == LayerKind::dense) Dense_units_not_positive<n, v[0]>();
        else if constexpr (k == LayerKind::conv2d) Conv2D_filters_not_positive<n, v[0]>();
        else if constexpr (k == LayerKind::embedding) Embedding_output_dim_not_positive<n, v[0]>();
        else Conv2DTranspose_filters_not_positive<n, v[0]>();
    } else if constexpr (e.fault == ChainFault::kernel_not_positive) {
        if constexpr (k == LayerKind::conv2d) Conv2D_kernel_size_not_positive<n, v[0], v[1]>();
        else Conv2DTranspose_kernel_size_not_positive<n, v[0], v[1]>();
    } else if constexpr (e.fault == ChainFault::strides_not_positive) {
        if constexpr (k == LayerKind::conv2d) Conv2D_strides_not_positive<n, v[0], v[1]>();
        else Conv2DTranspose_strides_not_positive<n, v[0], v[1]>();
    } else if constexpr (e.fault == ChainFault::size_not_positive)
        UpSampling2D_size_not_positive<n, v[0], v[1]>();
    else if constexpr (e.fault == ChainFault::needs_image_input) {
        if constexpr (k == LayerKind::conv2d) Conv2D_on_a_flat_input<n, v[0]>();
        else if constexpr (k == LayerKind::conv2d_transpose)
            Conv2DTranspose_on_a_flat_input<n, v[0]>();
        else if constexpr (k == LayerKind::zero_padding2d) ZeroPadding2D_on_a_flat_input<n, v[0]>();
        else if constexpr (k == LayerKind::cropping2d) Cropping2D_on_a_flat_input<n, v[0]>();
        else UpSampling2D_on_a_flat_input<n, v[0]>();
    } else if constexpr (e.fault == ChainFault::kernel_larger_than_input)
        Conv2D_kernel_larger_than_input<n, v[0], v[1], v[2], v[3]>();
    else if constexpr (e.fault == ChainFault::target_shape_zero_extent)
        Reshape_target_shape_has_a_zero_extent<n, v[0], v[1], v[2]>();
    else if constexpr (e.fault == ChainFault::target_shape_count)
        Reshape_target_shape_holds_a_different_count<n, v[0], v[1]>();
    else if constexpr (e.fault == ChainFault::rate_out_of_range)
        Dropout_rate_out_of_range<n, v[0]>();
    else if constexpr (e.fault == ChainFault::inbound_count)
        Layer_takes_one_input<n, k, v[0]>();
    else if constexpr (e.fault == ChainFault::inbound_invalid)
        Layer_reads_a_tensor_not_before_it<n, k, v[0], v[1]>();
    else if constexpr (e.fault == ChainFault::rank_too_high)
        Embedding_output_rank_too_high<n, v[0]>();
    else if constexpr (e.fault == ChainFault::axis_out_of_range)
        Concatenate_axis_out_of_range<n, v[0], v[1]>();
    else if constexpr (e.fault == ChainFault::merge_shapes_differ) {
        if constexpr (k == LayerKind::concatenate)
            Concatenate_inputs_differ_off_the_axis<n, v[0] + 1, v[1], v[2], v[3]>();
        else if constexpr (k == LayerKind::add) Add_inputs_differ<n, v[0] + 1, v[1], v[2], v[3]>();
        else Multiply_inputs_differ<n, v[0] + 1, v[1], v[2], v[3]>();
    } else if constexpr (e.fault == ChainFault::input_dim_not_positive)
        Embedding_input_dim_not_positive<n, v[0]>();
    else if constexpr (e.fault == ChainFault::margins_negative) {
        if constexpr (k == LayerKind::zero_padding2d) ZeroPadding2D_padding_negative<n, v[0], v[1], v[2], v[3]>();
        else Cropping2D_cropping_negative<n, v[0], v[1], v[2], v[3]>();
    } else if constexpr (e.fault == ChainFault::cropping_too_large)
        Cropping2D_crops_everything<n, v[0], v[1], v[2], v[3]>();
    else if constexpr (e.fault == ChainFault::output_padding_not_valid)
        Conv2DTranspose_output_padding_needs_valid<n, v[0], v[1]>();
    else if constexpr (e.fault == ChainFault::output_padding_too_large)
        Conv2DTranspose_output_padding_not_below_strides<n, v[0], v[1], v[2], v[3]>();
    else
        static_assert(unhandled<e>, "chain_diagnostics: a ChainFault without a diagnostic");
    return e.fault == ChainFault::none;
}

}  // namespace ganforge::chain_diagnostics

#undef GANFORGE_DIAGNOSTIC
#undef GANFORGE_DIAGNOSTIC_AT
