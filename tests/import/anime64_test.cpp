// A real trained generator (the shared models/anime64, Keras 2.12, MIT
// licence): its .h5 from model.save and its TensorFlow.js model.json both
// reproduce the reference output through the interpreter.
#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/readers/model_file.hpp>

#include "imported_cases.hpp"
#include "refcase.hpp"

namespace {

const std::filesystem::path dir = refcase::shared_dir() / "models" / "anime64";

class Anime64 : public ::testing::TestWithParam<std::string> {};

TEST_P(Anime64, ReproducesOutput) {
    const nlohmann::json info = nlohmann::json::parse(std::ifstream(dir / "case.json"));
    ganforge::ModelWithWeights m = ganforge::read_model_with_weights(dir / GetParam());
    EXPECT_EQ(ganforge::param_count(m.weights.model()).total(), info["param_count"].get<std::size_t>());
    EXPECT_EQ(m.weights.model().output_shape(), (ganforge::Shape{64, 64, 3}));
    EXPECT_EQ(m.weights.model().names.front(), "dense_43");

    const std::vector<float> input = refcase::read_floats(dir / "input.bin");
    const std::vector<float> expected = refcase::read_floats(dir / "output.bin");
    std::vector<float> output(expected.size());
    ganforge::InterpreterCore(std::move(m.weights)).predict(input, output, info["batch"].get<std::size_t>());
    EXPECT_TRUE(refcase::near_reference(output, expected));
}

// The type `ganforge import` made of model.h5 at build time, its weights
// loaded with load_weights from either file.
TEST_P(Anime64, ImportedTypeWithLoadWeights) {
    const auto& cases = imported_cases();
    const auto it = std::find_if(cases.begin(), cases.end(), [](const ImportedCase& c) { return c.name == "anime64"; });
    ASSERT_NE(it, cases.end());
    EXPECT_EQ(it->param_count, 512451u);
    const std::vector<float> input = refcase::read_floats(dir / "input.bin");
    const std::vector<std::span<const float>> inputs{input};
    EXPECT_TRUE(refcase::near_reference(it->run(dir / GetParam(), inputs, 4), refcase::read_floats(dir / "output.bin")));
}

INSTANTIATE_TEST_SUITE_P(Files, Anime64, ::testing::Values("model.h5", "model.json"),
                         [](const auto& info) { return info.param == "model.h5" ? std::string("h5") : std::string("tfjs"); });

}  // namespace
