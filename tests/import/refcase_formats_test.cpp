// Every reference case in every file format ganforge reads: its tfjs
// model.json, and .h5 files written as tf.keras 2 and Keras 3 write them
// (model.save, save_weights with split layer_names, a Model wrapping the
// Sequential). Each reproduces the reference output through
// load_weights<Model> on the type `ganforge import` made of the case at build
// time, through the file's own config, and through `ganforge predict`.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/dsl/summary.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/readers/model_file.hpp>
#include <ganforge/readers/model_header.hpp>

#include "cli_runner.hpp"
#include "imported_cases.hpp"
#include "keras_variants.hpp"
#include "readers/keras_model_config.hpp"
#include "refcase.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The case's model.json and its .h5 variants, written into a folder that
// goes with the object.
struct CaseFiles {
    refcase::TempDir dir{"formats"};
    fs::path json, keras2_h5 = dir / "keras2.h5", keras3_h5 = dir / "keras3.h5", weights_h5 = dir / "weights.h5",
                   wrapped_h5 = dir / "wrapped.h5", keras3_weights_h5 = dir / "keras3.weights.h5",
                   archive = dir / "model.keras", wrapped_archive = dir / "wrapped.keras";

    explicit CaseFiles(const std::string& name) : json(refcase::case_dir(name) / "model.json") {
        test_h5::write(keras2_h5, keras_variants::h5_file(json, test_h5::Style::keras2));
        test_h5::write(keras3_h5, keras_variants::h5_file(json, test_h5::Style::keras3));
        auto weights = keras_variants::h5_file(json, test_h5::Style::keras2_weights);
        weights.split_layer_names = true;
        test_h5::write(weights_h5, weights);
        test_h5::write(wrapped_h5, keras_variants::wrapped_h5_file(json));
        const auto keras3 = keras_variants::keras3(keras_variants::tfjs_topology(json));
        test_h5::write(keras3_weights_h5, keras_variants::keras3_saving_file(json, keras3));
        keras_variants::write_keras_archive(archive, keras3, keras3_weights_h5);
        const auto wrapped = keras_variants::wrapped_keras3(keras_variants::tfjs_topology(json));
        const fs::path wrapped_weights = dir / "wrapped.weights.h5";
        test_h5::write(wrapped_weights, keras_variants::keras3_saving_file(json, wrapped));
        keras_variants::write_keras_archive(wrapped_archive, wrapped, wrapped_weights);
    }
};

const ImportedCase& imported(const std::string& name) {
    for (const ImportedCase& c : imported_cases())
        if (c.name == name) return c;
    throw std::runtime_error("no imported type for case " + name + " (re-run cmake to import it)");
}

struct Reference {
    std::size_t batch;
    std::vector<float> input, output;
};

Reference reference(const std::string& name) {
    const json info = json::parse(std::ifstream(refcase::case_dir(name) / "case.json"));
    return {info["batch"], refcase::read_floats(refcase::case_dir(name) / "input.bin"),
            refcase::read_floats(refcase::expected_output(name))};
}

class RefcaseFormats : public ::testing::TestWithParam<std::string> {};

TEST_P(RefcaseFormats, ImportedTypeKeepsCounts) {
    const json info = json::parse(std::ifstream(refcase::case_dir(GetParam()) / "case.json"));
    const ImportedCase& c = imported(GetParam());
    EXPECT_EQ(c.param_count, info["param_count"].get<std::size_t>());
    const auto shape = info["output_shape"].get<std::vector<std::size_t>>();
    const ganforge::Shape expected =
        shape.size() == 1 ? ganforge::Shape{shape[0]} : ganforge::Shape{shape[0], shape[1], shape[2]};
    EXPECT_EQ(c.output_shape, expected);
}

TEST_P(RefcaseFormats, LoadWeightsIntoImportedType) {
    const CaseFiles f(GetParam());
    const Reference ref = reference(GetParam());
    const std::vector<std::span<const float>> inputs{ref.input};
    for (const fs::path& file : {f.json, f.keras2_h5, f.keras3_h5, f.weights_h5, f.wrapped_h5, f.keras3_weights_h5,
                                 f.archive, f.wrapped_archive}) {
        SCOPED_TRACE(file.string());
        EXPECT_TRUE(refcase::near_reference(imported(GetParam()).run(file, inputs, ref.batch), ref.output));
    }
}

TEST_P(RefcaseFormats, FileOwnModelAndWeights) {
    const CaseFiles f(GetParam());
    const Reference ref = reference(GetParam());
    for (const fs::path& file : {f.keras2_h5, f.keras3_h5, f.wrapped_h5, f.archive, f.wrapped_archive}) {
        SCOPED_TRACE(file.string());
        ganforge::ModelWithWeights m = ganforge::read_model_with_weights(file);
        std::vector<float> out(ref.output.size());
        ganforge::InterpreterCore(std::move(m.weights)).predict(ref.input, out, ref.batch);
        EXPECT_TRUE(refcase::near_reference(out, ref.output));
    }
}

TEST_P(RefcaseFormats, CliPredict) {
    const CaseFiles f(GetParam());
    const Reference ref = reference(GetParam());
    const fs::path out = f.dir / "predicted.bin";
    for (const fs::path& file : {f.json, f.keras2_h5, f.keras3_h5, f.archive}) {
        SCOPED_TRACE(file.string());
        const auto r = cli_runner::run({"predict", file.string(), "--input", (refcase::case_dir(GetParam()) / "input.bin").string(),
                                        "--output", out.string(), "--batch", std::to_string(ref.batch)});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.err, "");
        EXPECT_TRUE(refcase::near_reference(refcase::read_floats(out), ref.output));
    }
}

// The same model written by tf.keras 2, Keras 3, as functional models of
// either and wrapped in a Model reads as the same ModelSpec as the tfjs file.
TEST_P(RefcaseFormats, KerasConfigVariantsReadAlike) {
    const json topology = keras_variants::tfjs_topology(refcase::case_dir(GetParam()) / "model.json");
    const ganforge::ModelSpec expected = ganforge::keras_model(topology, "tfjs").spec;
    const ganforge::HeaderOptions header{.name = "M"};
    for (const auto& [what, config] : {std::pair{"tf.keras 2", keras_variants::tf_keras2(topology)},
                                       std::pair{"Keras 3", keras_variants::keras3(topology)},
                                       std::pair{"functional, Keras 2", keras_variants::functional_keras2(topology)},
                                       std::pair{"functional, Keras 3", keras_variants::functional_keras3(topology)},
                                       std::pair{"Model wrapping Sequential", keras_variants::wrapped_sequential(topology)}}) {
        SCOPED_TRACE(what);
        const ganforge::ModelSpec spec = ganforge::parse_model_json(config.dump(), what).spec;
        EXPECT_EQ(ganforge::summary(spec), ganforge::summary(expected));
        EXPECT_EQ(ganforge::model_header(spec, header), ganforge::model_header(expected, header));
    }
}

// hard_sigmoid is the function of the Keras that wrote the file, whose
// version a model.save .h5 keeps in an attribute (keras_h5_writer.hpp's
// 2.2.4 and 3.3.3) and a .keras archive in metadata.json.
TEST(KerasVersion, PicksHardSigmoidFromAnH5AttributeAndAnArchivesMetadata) {
    const refcase::TempDir dir("keras_version");
    const fs::path json_file = refcase::case_dir("seed_generator_tconv") / "model.json";
    const auto with_hard_sigmoid = [](json config) {
        config["config"]["layers"].back()["config"]["activation"] = "hard_sigmoid";
        return config;
    };
    const auto last_activation = [](const fs::path& file) {
        return ganforge::read_model_config(file).spec.layers.back().activation;
    };
    using ganforge::Activation;
    for (const auto& [style, activation] : {std::pair{test_h5::Style::keras2, Activation::hard_sigmoid_keras2},
                                            std::pair{test_h5::Style::keras3, Activation::hard_sigmoid}}) {
        auto file = keras_variants::h5_file(json_file, style);
        json config = with_hard_sigmoid(json::parse(file.model_config));
        config.erase("keras_version");  // model.save keeps it beside model_config only
        file.model_config = config.dump();
        test_h5::write(dir / "model.h5", file);
        EXPECT_EQ(last_activation(dir / "model.h5"), activation);
    }
    const json keras3 = with_hard_sigmoid(keras_variants::keras3(keras_variants::tfjs_topology(json_file)));
    test_h5::write(dir / "model.weights.h5", keras_variants::keras3_saving_file(json_file, keras3));
    for (const auto& [version, activation] : {std::pair{"3.3.3", Activation::hard_sigmoid},
                                              std::pair{"2.15.0", Activation::hard_sigmoid_keras2}}) {
        keras_variants::write_keras_archive(dir / "model.keras", keras3, dir / "model.weights.h5", version);
        EXPECT_EQ(last_activation(dir / "model.keras"), activation) << version;
    }
}

INSTANTIATE_TEST_SUITE_P(Shared, RefcaseFormats, ::testing::ValuesIn(refcase::case_names()), refcase::CaseName{});
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RefcaseFormats);

}  // namespace
