// Turns the first fault of a model (shape_inference.hpp) into exactly one
// static_assert. The fault is worded where it is found, in the layer's shape
// rule (core/layers/) or in shape inference, with its values, and is the
// text the importer reports for the same model read from a file; the
// compiler prints it as the template argument of the check that fails:
//   error: static assertion failed: the model's shapes do not fit: the note
//     below names the layer and the fault
//   note: 'ganforge::chain_diagnostics::fits<ganforge::FaultText{"Reshape
//     (layer 2): target_shape holds 3175 values, its input 3200"}>' evaluates
//     to false
// Only a model that does not fit instantiates the check, so a bad model gives
// one error, not a cascade.
#pragma once

#include <ganforge/core/shape_inference.hpp>

namespace ganforge::chain_diagnostics {

template <FaultText fault>
constexpr bool fits = fault.empty();

template <FaultText fault>
constexpr void check() {
    static_assert(fits<fault>, "the model's shapes do not fit: the note below names the layer and the fault");
}

template <ChainError e>
constexpr bool report() {
    if constexpr (bool(e)) check<chain_error_text(e)>();
    return !e;
}

}  // namespace ganforge::chain_diagnostics
