// What the foundation tests share: Shapes printed readably in failures, the
// shared folder's files (the tutorial's summaries), and one-layer models
// built at run time, as the importer builds them.
#pragma once

#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/core/model_spec.hpp>

namespace ganforge {

// GoogleTest prints a Shape in a failed assertion as "(5, 5, 128)".
inline void PrintTo(const Shape& s, std::ostream* os) { *os << fmt::format("{}", s); }

}  // namespace ganforge

namespace foundation_tests {

inline std::string read_shared_file(const std::string& relative) {
    const std::string path = std::string(GANFORGE_SHARED_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs `layers` on `input` (one sample) with the weights given in Keras'
// get_weights order: the interpreter's non-template path.
inline std::vector<float> run(ganforge::Shape input_shape, std::vector<ganforge::LayerSpec> layers,
                              const std::vector<std::vector<float>>& weights,
                              const std::vector<float>& input) {
    ganforge::WeightStore store(ganforge::make_model_spec(input_shape, std::move(layers)));
    store.set_weights(weights);
    const ganforge::InterpreterCore net(std::move(store));
    std::vector<float> output(net.model().output_shape().size());
    net.predict(input, output);
    return output;
}

}  // namespace foundation_tests
