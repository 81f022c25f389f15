// ganforge::summary<Model>(): the text Keras 2.2's model.summary() prints.
#pragma once

#include <string>

#include <ganforge/core/summary.hpp>
#include <ganforge/dsl/model.hpp>

namespace ganforge {

// A Functional model lists its InputLayer as Keras does; a Sequential not.
template <Model M>
std::string summary() {
    const ModelSpec spec = M::spec();
    if constexpr (is_functional<M>::value) return summary(spec, keras_input_names(spec).front());
    else return summary(spec);
}

}  // namespace ganforge
