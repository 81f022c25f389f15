// ganforge::summary<Model>(): the text Keras 2.2's model.summary() prints.
#pragma once

#include <string>

#include <ganforge/core/summary.hpp>
#include <ganforge/dsl/sequential.hpp>

namespace ganforge {

template <Model M>
std::string summary() {
    return summary(M::spec());
}

}  // namespace ganforge
