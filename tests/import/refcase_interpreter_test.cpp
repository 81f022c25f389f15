// Every shared reference case, read from its TensorFlow.js model.json (the
// topology into a ModelSpec, the weights by name into a WeightStore) and run
// by the interpreter, reproduces the reference output and parameter count.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/readers/model_file.hpp>

#include "refcase.hpp"

namespace {

class RefcaseInterpreter : public ::testing::TestWithParam<std::string> {};

TEST_P(RefcaseInterpreter, ReproducesOutputAndParamCount) {
    const std::string name = GetParam();
    const auto dir = refcase::case_dir(name);
    const nlohmann::json info = nlohmann::json::parse(std::ifstream(dir / "case.json"));

    ganforge::ModelWithWeights m = ganforge::read_model_with_weights(dir / "model.json");
    EXPECT_EQ(ganforge::param_count(m.weights.model()).total(), info["param_count"].get<std::size_t>());

    const std::size_t batch = info["batch"].get<std::size_t>();
    const std::vector<float> input = refcase::read_floats(dir / "input.bin");
    const std::vector<float> expected = refcase::read_floats(refcase::expected_output(name));
    std::vector<float> output(expected.size());
    const ganforge::InterpreterCore net(std::move(m.weights));
    net.predict(input, output, batch);
    EXPECT_TRUE(refcase::near_reference(output, expected));
}

INSTANTIATE_TEST_SUITE_P(Shared, RefcaseInterpreter, ::testing::ValuesIn(refcase::case_names()),
                         refcase::CaseName{});
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RefcaseInterpreter);

}  // namespace
