// Fuzz target: an ONNX file, as bytes, read as `ganforge predict` reads one:
// its protobuf parsed, its graph translated into a model with its weights,
// the model run. Damaged protobuf, cycles, missing initializers, absurd shapes
// and sizes all end in one ganforge::Error.
#include <string>
#include <string_view>

#include "readers/onnx_model.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::string_view origin = "fuzz.onnx";
    fuzz::expect_only_errors(origin, [&] {
        const ganforge::ModelWithWeights m =
            ganforge::read_onnx_model(std::string_view(reinterpret_cast<const char*>(data), size), std::string(origin));
        fuzz::use_model(m.model, origin);
        fuzz::run_if_small(m.weights);
    });
    return 0;
}
