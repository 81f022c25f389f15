// Fuzz target: a Keras JSON (`model.to_json()`) or TensorFlow.js model.json,
// as text, through parse_model_json (parse_json_text + keras_model), then
// the summary, the `ganforge import` header and the interpreter.
#include <string_view>

#include "readers/keras_model_config.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::string_view origin = "fuzz.json";
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fuzz::expect_only_errors(origin, [&] { fuzz::use_model(ganforge::parse_model_json(text, std::string(origin)), origin); });
    return 0;
}
