// A Python call with literal arguments, as a user writes a Keras layer:
// `LeakyReLU(alpha=0.2)`, `UpSampling2D(size=(2, 2), interpolation='bilinear')`,
// `Activation('relu')`. Literals: integers, floats (`1e-3`, `.5`, `-2.`),
// strings in ' or " (with \\, \', \", \n, \t escapes), True, False, None,
// tuples and lists; positional arguments before keyword ones, as Python
// requires. Values come out as JSON, as Keras would write them in a config
// (a tuple as a list, None as null).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ganforge {

struct PythonCall {
    std::string callee;
    std::vector<nlohmann::json> positional;
    std::vector<std::pair<std::string, nlohmann::json>> keywords;  // in the order given
};

// Throws ganforge::Error "<context>: at character N: expected ..., got ..."
// (N counts from 1) for text that is not such a call.
PythonCall parse_python_call(std::string_view text, const std::string& context);

}  // namespace ganforge
