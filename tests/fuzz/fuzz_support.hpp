// What every fuzz target does with what a reader accepted, and the one rule
// they all check: a reader given any bytes either returns or throws
// ganforge::Error whose message is one line starting with the file's name.
// Any other exception (std::bad_alloc, nlohmann's, std::out_of_range), a
// crash, a sanitizer report or a message that does not name the file is a
// bug; libFuzzer reports an escaping exception as a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <ganforge/core/error.hpp>
#include "readers/keras_model_config.hpp"
#include <ganforge/runtime/weight_store.hpp>

namespace fuzz {

// Aborts (a crash libFuzzer records) when `message` is empty, has a line
// break, or does not start with "<origin>: ".
void check_error_message(const std::string& message, std::string_view origin);

// Runs `read`; a ganforge::Error is checked and swallowed, anything else escapes.
template <typename Read>
void expect_only_errors(std::string_view origin, Read&& read) {
    try {
        read();
    } catch (const ganforge::Error& e) {
        check_error_message(e.what(), origin);
    }
}

// Everything downstream of a reader that takes a model: the Keras summary,
// the `ganforge import` header (checked to carry no text from the file
// outside its comments' printable characters) and, when the model is small
// enough to run in a fuzzer's time, the interpreter on a fixed input.
void use_model(const ganforge::KerasModel& model, std::string_view origin);

// The interpreter on `weights` (batch 2, a fixed input), if the model is small.
void run_if_small(const ganforge::WeightStore& weights);

}  // namespace fuzz

// libFuzzer's entry point, defined by each target; replay.cpp calls it too.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
