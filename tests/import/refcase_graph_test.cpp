// Every functional reference case (refcases-graph: several inputs,
// branches, merges, Embedding, padding and cropping), read from its
// TensorFlow.js model.json, reproduces tfjs' output through the interpreter
// and through `ganforge predict`, with the inputs in the model's input order,
// the parameter counts, and the layer order Keras' summary lists.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/summary.hpp>
#include <ganforge/ganforge.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include "readers/keras_model_config.hpp"
#include <ganforge/readers/model_file.hpp>

#include "cli_runner.hpp"
#include "imported_cases.hpp"
#include "keras_variants.hpp"
#include "refcase.hpp"

namespace {

using nlohmann::json;

struct GraphCase {
    std::filesystem::path dir;
    json info;
    std::size_t batch;
    std::vector<std::vector<float>> inputs;  // in the model's input order
    std::vector<std::string> input_files;
    std::vector<float> expected;

    explicit GraphCase(const std::string& name)
        : dir(refcase::case_dir(name, refcase::graphs)),
          info(json::parse(std::ifstream(dir / "case.json"))),
          batch(info["batch"].get<std::size_t>()),
          expected(refcase::read_floats(dir / "output.bin")) {
        for (const json& in : info["inputs"]) {
            input_files.push_back((dir / in["file"].get<std::string>()).string());
            inputs.push_back(refcase::read_floats(input_files.back()));
        }
    }
};

class RefcaseGraph : public ::testing::TestWithParam<std::string> {};

TEST_P(RefcaseGraph, InterpreterReproducesOutputAndCounts) {
    const GraphCase c(GetParam());
    ganforge::ModelWithWeights m = ganforge::read_model_with_weights(c.dir / "model.json");
    const ganforge::ModelSpec& spec = m.weights.model();
    const ganforge::ParamCount p = ganforge::param_count(spec);
    EXPECT_EQ(p.trainable, c.info["trainable_param_count"].get<std::size_t>());
    EXPECT_EQ(p.non_trainable, c.info["non_trainable_param_count"].get<std::size_t>());
    ASSERT_EQ(spec.input_shapes.size(), c.inputs.size());
    for (std::size_t k = 0; k < c.inputs.size(); ++k)
        EXPECT_EQ(ganforge::keras_input_names(spec)[k], c.info["inputs"][k]["name"].get<std::string>());

    std::vector<float> output(c.expected.size());
    const std::vector<std::span<const float>> inputs(c.inputs.begin(), c.inputs.end());
    ganforge::InterpreterCore(std::move(m.weights)).predict(inputs, output, c.batch);
    EXPECT_TRUE(refcase::near_reference(output, c.expected));
}

TEST_P(RefcaseGraph, PredictCommandTakesOneInputPerModelInput) {
    const GraphCase c(GetParam());
    const refcase::TempDir tmp("refcase_graph");
    std::vector<std::string> args{"predict", (c.dir / "model.json").string()};
    for (const std::string& f : c.input_files) args.insert(args.end(), {"--input", f});
    args.insert(args.end(), {"--output", (tmp / "out.bin").string()});
    const auto r = cli_runner::run(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(refcase::near_reference(refcase::read_floats(tmp / "out.bin"), c.expected));
    if (c.input_files.size() > 1) {
        args.erase(args.begin() + 2, args.begin() + 4);  // the first --input left out
        const auto missing = cli_runner::run(args);
        EXPECT_NE(missing.exit_code, 0);
        EXPECT_THAT(missing.err, testing::HasSubstr(fmt::format("got {} --input", c.input_files.size() - 1)));
    }
}

TEST_P(RefcaseGraph, KerasFilesOfTheSameGraphRunTheSame) {
    const GraphCase c(GetParam());
    const refcase::TempDir tmp("refcase_graph_h5");
    const json topology = keras_variants::tfjs_topology(c.dir / "model.json");
    test_h5::write(tmp / "model.h5", keras_variants::graph_h5_file(c.dir / "model.json"));
    const json keras3_config = keras_variants::graph_keras3(topology);
    test_h5::write(tmp / "model.weights.h5", keras_variants::keras3_saving_file(c.dir / "model.json", keras3_config));
    keras_variants::write_keras_archive(tmp / "model.keras", keras3_config, tmp / "model.weights.h5");
    for (const auto& file : {tmp / "model.h5", tmp / "model.keras"}) {
        SCOPED_TRACE(file.string());
        ganforge::ModelWithWeights m = ganforge::read_model_with_weights(file);
        std::vector<float> output(c.expected.size());
        const std::vector<std::span<const float>> inputs(c.inputs.begin(), c.inputs.end());
        ganforge::InterpreterCore(std::move(m.weights)).predict(inputs, output, c.batch);
        EXPECT_TRUE(refcase::near_reference(output, c.expected));
    }

    const ganforge::KerasModel tfjs = ganforge::read_model_config(c.dir / "model.json");
    const ganforge::KerasModel keras3 = ganforge::parse_model_json(keras_variants::graph_keras3(topology).dump(), "k3.json");
    EXPECT_EQ(ganforge::summary(keras3.spec, keras3.input_layer), ganforge::summary(tfjs.spec, tfjs.input_layer));
}

// The Functional type `ganforge import` wrote at build time (its
// static_asserts hold Keras' parameter count and output shape), its weights
// read with load_weights from the model.json and from a tf.keras 2 .h5.
TEST_P(RefcaseGraph, ImportedTypeWithLoadWeights) {
    const GraphCase c(GetParam());
    const auto& cases = imported_cases();
    const auto it = std::find_if(cases.begin(), cases.end(),
                                 [&](const ImportedCase& i) { return i.name == "graph-" + GetParam(); });
    ASSERT_NE(it, cases.end()) << "re-run cmake to import it";
    EXPECT_EQ(it->param_count, c.info["param_count"].get<std::size_t>());
    const refcase::TempDir tmp("refcase_graph_h5");
    test_h5::write(tmp / "model.h5", keras_variants::graph_h5_file(c.dir / "model.json"));
    const json keras3_config = keras_variants::graph_keras3(keras_variants::tfjs_topology(c.dir / "model.json"));
    test_h5::write(tmp / "model.weights.h5", keras_variants::keras3_saving_file(c.dir / "model.json", keras3_config));
    keras_variants::write_keras_archive(tmp / "model.keras", keras3_config, tmp / "model.weights.h5");
    const std::vector<std::span<const float>> inputs(c.inputs.begin(), c.inputs.end());
    for (const auto& file : {c.dir / "model.json", tmp / "model.h5", tmp / "model.weights.h5", tmp / "model.keras"}) {
        SCOPED_TRACE(file.string());
        EXPECT_TRUE(refcase::near_reference(it->run(file, inputs, c.batch), c.expected));
    }
}

// The conditional generator declared by hand in the order its branches are
// built (label first), not the file's: load_weights pairs layers by name.
using HandWrittenCgan = ganforge::Functional<
    ganforge::Input{{100}, "input_2"}, ganforge::Input{{1}, "input_1"},
    ganforge::Node{"embedding", ganforge::Embedding{.input_dim = 10, .output_dim = 50}, "input_1"},
    ganforge::Node{"dense", ganforge::Dense{.units = 49}},
    ganforge::Node{"reshape", ganforge::Reshape{{7, 7, 1}}},
    ganforge::Node{"dense_1", ganforge::Dense{.units = 6272}, "input_2"},
    ganforge::Node{"leaky_re_lu", ganforge::LeakyReLU{.alpha = 0.2f}},
    ganforge::Node{"reshape_1", ganforge::Reshape{{7, 7, 128}}},
    ganforge::Node{"concatenate", ganforge::Concatenate{}, {"reshape_1", "reshape"}},
    ganforge::Node{"conv2d_transpose", ganforge::Conv2DTranspose{.filters = 128, .kernel_size = 4, .strides = 2,
                                                                 .padding = ganforge::Padding::same}},
    ganforge::Node{"leaky_re_lu_1", ganforge::LeakyReLU{.alpha = 0.2f}},
    ganforge::Node{"conv2d_transpose_1", ganforge::Conv2DTranspose{.filters = 128, .kernel_size = 4, .strides = 2,
                                                                   .padding = ganforge::Padding::same}},
    ganforge::Node{"leaky_re_lu_2", ganforge::LeakyReLU{.alpha = 0.2f}},
    ganforge::Node{"conv2d", ganforge::Conv2D{.filters = 1, .kernel_size = 7, .padding = ganforge::Padding::same,
                                              .activation = ganforge::Activation::tanh}}>;

TEST(RefcaseGraphDsl, HandWrittenDeclarationLoadsWeightsByName) {
    const GraphCase c("cgan_mnist_generator");
    static_assert(HandWrittenCgan::input_count == 2);
    static_assert(HandWrittenCgan::param_count == 1169336);
    // A .keras archive's weights go by its own config, then by name.
    const refcase::TempDir tmp("refcase_graph_keras");
    const json keras3_config = keras_variants::graph_keras3(keras_variants::tfjs_topology(c.dir / "model.json"));
    test_h5::write(tmp / "model.weights.h5", keras_variants::keras3_saving_file(c.dir / "model.json", keras3_config));
    keras_variants::write_keras_archive(tmp / "model.keras", keras3_config, tmp / "model.weights.h5");
    for (const auto& file : {c.dir / "model.json", tmp / "model.keras"}) {
        SCOPED_TRACE(file.string());
        const auto weights = ganforge::load_weights<HandWrittenCgan>(file);
        std::vector<float> output(c.expected.size());
        ganforge::Interpreter<HandWrittenCgan>(weights).predict({c.inputs[0], c.inputs[1]}, output, c.batch);
        EXPECT_TRUE(refcase::near_reference(output, c.expected));
    }
}

// The first column of summary.txt (tfjs' summary, which lists layers in the
// same order as Keras) against the names ganforge's Keras 2.2 summary lists.
std::vector<std::string> listed_names(const std::string& text) {
    std::vector<std::string> names;
    std::istringstream lines(text);
    bool body = false;
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("=")) {
            if (body) break;
            body = true;
            continue;
        }
        if (!body || line.empty() || line[0] == '_' || line[0] == ' ') continue;
        names.push_back(line.substr(0, line.find(' ')));
    }
    return names;
}

TEST_P(RefcaseGraph, SummaryListsLayersInKerasOrder) {
    const GraphCase c(GetParam());
    const ganforge::KerasModel m = ganforge::read_model_config(c.dir / "model.json");
    std::ifstream tfjs_summary(c.dir / "summary.txt");
    const std::string expected((std::istreambuf_iterator<char>(tfjs_summary)), std::istreambuf_iterator<char>());
    EXPECT_EQ(listed_names(ganforge::summary(m.spec, m.input_layer)), listed_names(expected));
}

INSTANTIATE_TEST_SUITE_P(Shared, RefcaseGraph, ::testing::ValuesIn(refcase::case_names(refcase::graphs)),
                         refcase::CaseName{});
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RefcaseGraph);

}  // namespace
