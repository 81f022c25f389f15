// The text Keras 2.2's model.summary() prints for a model description.
#pragma once

#include <string>
#include <string_view>

#include <ganforge/core/model_spec.hpp>
#include <ganforge/core/unknown_extents.hpp>

namespace ganforge {

// Keras 2.2's layout: for a chain, line length 65, columns ending at 29, 55
// and 65; for a graph (several inputs, a branch, a merge), Keras' functional
// layout: line length 98, columns ending at 32, 53, 65 and 98, the last one
// `Connected to`, inputs listed as InputLayer rows. A field too long for its
// column is cut and its last character replaced by a space. `input_layer`
// names a functional chain's InputLayer, which Keras lists first
// (KerasModel::input_layer); a Sequential has none. Extents `unknown` marks
// print as None, as Keras prints a model whose input leaves them unknown.
std::string summary(const ModelSpec& model, std::string_view input_layer = {},
                    const UnknownExtents& unknown = {});

}  // namespace ganforge
