// ReadOptions through the readers, on reference cases rewritten as the files
// that need them: a class the training program registered itself, read as
// the ganforge layer a SPEC names (TensorFlow.js and Keras 3 .keras), and an
// input whose extents the file leaves unknown (None), read at the sizes
// given, or probed for a summary. The rewritten model computes what the
// original does.
#include <fstream>
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>
#include <ganforge/core/summary.hpp>
#include <ganforge/readers/load_weights.hpp>
#include <ganforge/readers/model_file.hpp>
#include <ganforge/readers/model_header.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include "readers/keras_model_config.hpp"

#include "keras_variants.hpp"
#include "refcase.hpp"

namespace {

namespace fs = std::filesystem;
namespace gf = ganforge;
using nlohmann::json;
using ::testing::HasSubstr;

std::string error_of(auto read) {
    try {
        read();
    } catch (const gf::Error& e) {
        return e.what();
    }
    return "(no error)";
}

const fs::path unet = refcase::case_dir("unet_tiny", refcase::graphs);
const fs::path dense_activations = refcase::case_dir("dense_activations");

json& layers_of(json& model_json) { return model_json["modelTopology"]["config"]["layers"]; }

// A copy of a case's model.json and weights.bin in `dir`, its JSON edited.
fs::path edited_copy(const fs::path& case_dir, const fs::path& dir, const std::function<void(json&)>& edit) {
    fs::copy_file(case_dir / "weights.bin", dir / "weights.bin", fs::copy_options::overwrite_existing);
    json j = json::parse(std::ifstream(case_dir / "model.json"));
    edit(j);
    std::ofstream(dir / "model.json", std::ios::trunc) << j.dump();
    return dir / "model.json";
}

void rename_class(json& model_json, const std::string& from, const std::string& to) {
    for (json& l : layers_of(model_json))
        if (l["class_name"] == from) l["class_name"] = to;
}

std::vector<float> run(gf::ModelWithWeights m, const std::vector<float>& input) {
    const gf::ModelSpec& spec = m.weights.model();
    const std::size_t batch = input.size() / spec.input_shape().size();
    std::vector<float> out(batch * spec.output_shape().size());
    gf::InterpreterCore(std::move(m.weights)).predict(input, out, batch);
    return out;
}

std::vector<float> input_of(const fs::path& case_dir) { return refcase::read_floats(case_dir / "input.bin"); }
std::vector<float> output_of(const fs::path& case_dir) { return refcase::read_floats(case_dir / "output.bin"); }

gf::ReadOptions mapping(const std::string& file_class, const std::string& spec) {
    return {.custom_layers = {{file_class, spec}}};
}

TEST(CustomClasses, MappedClassReadsAsTheStandardOne) {
    const refcase::TempDir dir("custom_leaky");
    const fs::path file = edited_copy(unet, dir.path(), [](json& j) { rename_class(j, "LeakyReLU", "MyLeaky"); });
    const gf::ModelWithWeights standard = gf::read_model_with_weights(unet / "model.json");
    gf::ModelWithWeights custom = gf::read_model_with_weights(file, mapping("MyLeaky", "LeakyReLU(alpha=0.2)"));
    EXPECT_EQ(gf::summary(custom.model.spec, custom.model.input_layer),
              gf::summary(standard.model.spec, standard.model.input_layer));
    EXPECT_EQ(custom.model.spec.names, standard.model.spec.names);
    const auto out = run(std::move(custom), input_of(unet));
    EXPECT_EQ(out, run(gf::read_model_with_weights(unet / "model.json"), input_of(unet)));
    EXPECT_TRUE(refcase::near_reference(out, output_of(unet)));
    // The file's own config of the layer is not read: the SPEC gives it.
    const gf::KerasModel steeper = gf::read_model_config(file, mapping("MyLeaky", "LeakyReLU(0.3)"));
    EXPECT_FLOAT_EQ(steeper.spec.layers[1].alpha, 0.3f);
}

TEST(CustomClasses, UnmappedClassSaysHowToMapIt) {
    const refcase::TempDir dir("custom_unmapped");
    const fs::path file = edited_copy(unet, dir.path(), [](json& j) { rename_class(j, "LeakyReLU", "MyLeaky"); });
    EXPECT_THAT(error_of([&] { gf::read_model_config(file); }),
                HasSubstr(file.string() + ": layer 2 'leaky_re_lu' (MyLeaky): class 'MyLeaky' is not a ganforge "
                          "layer; map it to one with --layer 'MyLeaky=<Layer>(...)' (in C++, "
                          "ReadOptions::custom_layers)"));
    // A mapping of a class the file does not have changes nothing, but its SPEC must still be right.
    EXPECT_NO_THROW(gf::read_model_config(unet / "model.json", mapping("Other", "ReLU()")));
    EXPECT_THAT(error_of([&] { gf::read_model_config(unet / "model.json", mapping("Other", "ReLU(")); }),
                HasSubstr("the layer 'ReLU(' given for class 'Other': at character 6"));
}

// dense_activations with its second Dense (dense_1, 16 -> 16, tanh) of class MyDense.
struct MyDenseCase {
    refcase::TempDir dir{"custom_dense"};
    fs::path file = edited_copy(dense_activations, dir.path(), [](json& j) { layers_of(j)[1]["class_name"] = "MyDense"; });
};

TEST(CustomClasses, MappedLayerTakesTheFilesWeightsUnderItsName) {
    const MyDenseCase c;
    const auto out = run(gf::read_model_with_weights(c.file, mapping("MyDense", "Dense(16, activation='tanh')")),
                         input_of(dense_activations));
    EXPECT_TRUE(refcase::near_reference(out, output_of(dense_activations)));
}

TEST(CustomClasses, WeightMismatchesNameTheClassAndTheSpec) {
    const MyDenseCase c;
    EXPECT_THAT(error_of([&] { gf::read_model_with_weights(c.file, mapping("MyDense", "Dense(8)")); }),
                HasSubstr(c.file.string() + ": layer 2 'dense_1' (Dense; MyDense, read as Dense(8)): kernel "
                          "'dense_1/kernel' is [16, 16] in the file, the model needs [16, 8]"));
    EXPECT_THAT(error_of([&] { gf::read_model_with_weights(c.file, mapping("MyDense", "Dropout(0.5)")); }),
                HasSubstr("layer 2 'dense_1' (Dropout; MyDense, read as Dropout(0.5)): the file holds weights under "
                          "its name ('dense_1/kernel', 'dense_1/bias'), which Dropout does not have"));
    // A weightless class read as a layer with weights.
    const refcase::TempDir dir("custom_needs_weights");
    const fs::path file = edited_copy(dense_activations, dir.path(), [](json& j) { rename_class(j, "LeakyReLU", "MyAct"); });
    EXPECT_THAT(error_of([&] { gf::read_model_with_weights(file, mapping("MyAct", "Dense(8)")); }),
                HasSubstr(file.string() + ": layer 5 'leaky_re_lu' (Dense; MyAct, read as Dense(8)): the file holds "
                          "no weights under its name; Dense needs kernel, bias"));
}

// Keras 3 files a custom class's weights under the snake case of its own
// class name (layers/my_dense), as for any class.
TEST(CustomClasses, KerasArchive) {
    const refcase::TempDir dir("custom_archive");
    json config = keras_variants::keras3(keras_variants::tfjs_topology(dense_activations / "model.json"));
    json& my_dense = config["config"]["layers"][2];
    ASSERT_EQ(my_dense["config"]["name"], "dense_1");
    my_dense["class_name"] = "MyDense";
    my_dense["module"] = "generator_lib";
    my_dense["registered_name"] = "generator_lib>MyDense";
    test_h5::write(dir / "model.weights.h5", keras_variants::keras3_saving_file(dense_activations / "model.json", config));
    keras_variants::write_keras_archive(dir / "model.keras", config, dir / "model.weights.h5");
    const auto out = run(gf::read_model_with_weights(dir / "model.keras", mapping("MyDense", "Dense(16, activation='tanh')")),
                         input_of(dense_activations));
    EXPECT_TRUE(refcase::near_reference(out, output_of(dense_activations)));
    EXPECT_THAT(error_of([&] { gf::read_model_with_weights(dir / "model.keras", mapping("MyDense", "Dropout(0.5)")); }),
                HasSubstr("layers/my_dense/vars: holds weights for layer 2 'dense_1' (Dropout; MyDense, read as "
                          "Dropout(0.5)), which Dropout does not have"));
}

json functional_chain(const std::vector<json>& layers) {
    json list = json::array({{{"class_name", "InputLayer"}, {"name", "image"}, {"inbound_nodes", json::array()},
                              {"config", {{"name", "image"}, {"batch_input_shape", {nullptr, nullptr, nullptr, 3}}}}}});
    std::string previous = "image";
    for (json l : layers) {
        l["name"] = l["config"]["name"];
        l["inbound_nodes"] = {{{previous, 0, 0, json::object()}}};
        previous = l["name"];
        list.push_back(l);
    }
    return {{"class_name", "Functional"},
            {"config", {{"name", "upscaler"}, {"layers", list}, {"input_layers", {{"image", 0, 0}}},
                        {"output_layers", {{previous, 0, 0}}}}}};
}

// UpscalerJS' own classes, as its ESRGAN model.json files name them, read as
// the Keras layers they compute.
TEST(CustomClasses, UpscalerJsClasses) {
    const json conv = {{"class_name", "Conv2D"},
                       {"config", {{"name", "PreShuffle"}, {"filters", 12}, {"kernel_size", {3, 3}}, {"padding", "same"}}}};
    const json custom = functional_chain({conv,
                                          {{"class_name", "PixelShuffle2x"}, {"config", {{"name", "shuffle"}, {"scale", 2}}}},
                                          {{"class_name", "MultiplyBeta"}, {"config", {{"name", "beta"}, {"beta", 0.2}}}}});
    const json standard = functional_chain({conv,
                                            {{"class_name", "DepthToSpace"}, {"config", {{"name", "shuffle"}, {"block_size", 2}}}},
                                            {{"class_name", "Rescaling"}, {"config", {{"name", "beta"}, {"scale", 0.2}}}}});
    const gf::ReadOptions options{.custom_layers = {{"PixelShuffle2x", "DepthToSpace(2)"},
                                                    {"MultiplyBeta", "Rescaling(scale=0.2)"}},
                                  .input_shapes = {{16, 16, 3}}};
    const gf::KerasModel a = gf::parse_model_json(custom.dump(), "model.json", options);
    const gf::KerasModel b = gf::parse_model_json(standard.dump(), "model.json", {.input_shapes = {{16, 16, 3}}});
    EXPECT_EQ(a.spec.output_shape(), (gf::Shape{32, 32, 3}));
    EXPECT_EQ(gf::model_header(a.spec, {.name = "M"}), gf::model_header(b.spec, {.name = "M"}));
}

// unet_tiny (32x32x3 in) with its input declared (None, None, None, 3).
struct AnySizeUnet {
    refcase::TempDir dir{"any_size_unet"};
    fs::path file = edited_copy(unet, dir.path(), [](json& j) {
        layers_of(j)[0]["config"]["batch_input_shape"] = {nullptr, nullptr, nullptr, 3};
    });
    static gf::ReadOptions sized(gf::Shape s) { return {.input_shapes = {s}}; }
};

TEST(UnknownExtents, ReadAtTheSizeGiven) {
    const AnySizeUnet c;
    EXPECT_THAT(error_of([&] { gf::read_model_config(c.file); }),
                HasSubstr(c.file.string() + ": input 'input_1' is (None, None, None, 3): it has an unknown extent "
                          "(None); pass its shape with --input-shape H,W,3 (in C++, ReadOptions::input_shapes)"));
    const gf::KerasModel fixed = gf::read_model_config(unet / "model.json");
    const gf::KerasModel given = gf::read_model_config(c.file, AnySizeUnet::sized({32, 32, 3}));
    EXPECT_EQ(gf::summary(given.spec, given.input_layer), gf::summary(fixed.spec, fixed.input_layer));
    EXPECT_TRUE(given.unknown_extents.inputs.empty());
    const auto out = run(gf::read_model_with_weights(c.file, AnySizeUnet::sized({32, 32, 3})), input_of(unet));
    EXPECT_TRUE(refcase::near_reference(out, output_of(unet)));
    EXPECT_EQ(gf::read_model_config(c.file, AnySizeUnet::sized({64, 48, 3})).spec.output_shape(), (gf::Shape{64, 48, 3}));
}

TEST(UnknownExtents, OnlyUnknownExtentsMayBeGiven) {
    const AnySizeUnet c;
    EXPECT_THAT(error_of([&] { gf::read_model_config(c.file, AnySizeUnet::sized({32, 32, 4})); }),
                HasSubstr(c.file.string() + ": input 'input_1' is (None, None, None, 3): its axis 3 (channels) is 3 "
                          "in the file, 4 given; only its None extents may be given"));
    EXPECT_THAT(error_of([&] { gf::read_model_config(unet / "model.json", AnySizeUnet::sized({32, 16, 3})); }),
                HasSubstr("input 'input_1' is (None, 32, 32, 3): its axis 2 (width) is 32 in the file, 16 given"));
    EXPECT_THAT(error_of([&] { gf::read_model_config(c.file, AnySizeUnet::sized({32, 32})); }),
                HasSubstr("input 'input_1' is (None, None, None, 3), 3 extents after the batch; the shape given, "
                          "(32, 32), has 2"));
    EXPECT_THAT(error_of([&] { gf::read_model_config(c.file, {.input_shapes = {{32, 32, 3}, {32, 32, 3}}}); }),
                HasSubstr("the model has 1 input ('input_1' (None, None, None, 3)); 2 input shapes are given"));
    EXPECT_THAT(error_of([&] { gf::read_model_config(c.file, AnySizeUnet::sized({0, 32, 3})); }),
                HasSubstr("the shape given, (0, 32, 3), has an extent outside [1, "));
}

// Keras' summary of such a model: None for every extent that follows the
// input's, the same parameters.
TEST(UnknownExtents, SummaryPrintsNoneWhereKerasDoes) {
    const AnySizeUnet c;
    const gf::KerasModel probed = gf::read_model_config(c.file, {.probe_unknown_extents = true});
    const gf::KerasModel fixed = gf::read_model_config(unet / "model.json");
    gf::UnknownExtents spatial;  // every tensor of this model is an image whose height and width follow the input's
    spatial.inputs.assign(1, {true, true, false});
    spatial.layers.assign(fixed.spec.layers.size(), {true, true, false});
    EXPECT_EQ(probed.unknown_extents.inputs, spatial.inputs);
    EXPECT_EQ(probed.unknown_extents.layers, spatial.layers);
    const std::string text = gf::summary(probed.spec, probed.input_layer, probed.unknown_extents);
    EXPECT_EQ(text, gf::summary(fixed.spec, fixed.input_layer, spatial));
    EXPECT_THAT(text, HasSubstr("input_1 (InputLayer)            (None, None, None, 3 0"));
    EXPECT_THAT(text, HasSubstr("Total params: 65,203\n"));
    // Given sizes, nothing is probed.
    EXPECT_TRUE(gf::read_model_config(c.file, {.input_shapes = {{32, 32, 3}}, .probe_unknown_extents = true})
                    .unknown_extents.inputs.empty());
}

json sequential(json layers) {
    return {{"class_name", "Sequential"}, {"config", {{"name", "sequential"}, {"layers", std::move(layers)}}}};
}
json layer(const std::string& cls, json config) { return {{"class_name", cls}, {"config", std::move(config)}}; }

TEST(UnknownExtents, EveryWayKerasDeclaresAnInput) {
    const json conv = {{"name", "conv"}, {"filters", 4}, {"kernel_size", {3, 3}}, {"padding", "same"}};
    json first_layer = conv;
    first_layer["batch_input_shape"] = {nullptr, nullptr, nullptr, 3};
    json keras3 = sequential({layer("Conv2D", conv)});
    keras3["build_config"] = {{"input_shape", {nullptr, nullptr, nullptr, 3}}};
    for (const json& model : {
             sequential({layer("InputLayer", {{"name", "in"}, {"batch_shape", {nullptr, nullptr, nullptr, 3}}}),
                         layer("Conv2D", conv)}),
             sequential({layer("Conv2D", first_layer)}),
             keras3,
         }) {
        EXPECT_THAT(error_of([&] { gf::parse_model_json(model.dump(), "m.json"); }),
                    HasSubstr("(None, None, None, 3): it has an unknown extent (None)"));
        const auto m = gf::parse_model_json(model.dump(), "m.json", {.input_shapes = {{5, 7, 3}}});
        EXPECT_EQ(m.spec.output_shape(), (gf::Shape{5, 7, 4})) << model.dump();
    }
}

TEST(UnknownExtents, ProbingStopsWhereTheSizeMatters) {
    const json dense = sequential({layer("InputLayer", {{"name", "z"}, {"batch_input_shape", {nullptr, nullptr}}}),
                                   layer("Dense", {{"name", "d"}, {"units", 4}})});
    EXPECT_THAT(error_of([&] { gf::parse_model_json(dense.dump(), "m.json", {.probe_unknown_extents = true}); }),
                HasSubstr("m.json: the model's weights depend on its input's unknown extents; give them with "
                          "--input-shape"));
    const json reshape = sequential({layer("InputLayer", {{"name", "x"}, {"batch_input_shape", {nullptr, nullptr, 4, 3}}}),
                                     layer("Reshape", {{"name", "r"}, {"target_shape", {4, 4, 3}}})});
    EXPECT_THAT(error_of([&] { gf::parse_model_json(reshape.dump(), "m.json", {.probe_unknown_extents = true}); }),
                HasSubstr("(with its input's unknown extents read as 256; --input-shape reads it at a size of yours)"));
    EXPECT_EQ(gf::parse_model_json(reshape.dump(), "m.json", {.input_shapes = {{4, 4, 3}}}).spec.output_shape(),
              (gf::Shape{4, 4, 3}));
}

// load_weights takes a .keras's weights whatever its input's extents: the
// sizes are the declared model's.
TEST(UnknownExtents, LoadWeightsFromAnArchiveOfAnySize) {
    const refcase::TempDir dir("any_size_archive");
    json config = keras_variants::graph_keras3(keras_variants::tfjs_topology(unet / "model.json"));
    config["config"]["layers"][0]["config"]["batch_shape"] = {nullptr, nullptr, nullptr, 3};
    test_h5::write(dir / "model.weights.h5", keras_variants::keras3_saving_file(unet / "model.json", config));
    keras_variants::write_keras_archive(dir / "model.keras", config, dir / "model.weights.h5");
    gf::WeightStore weights(gf::read_model_config(unet / "model.json").spec);
    gf::load_weights_into(weights, dir / "model.keras");
    const auto input = input_of(unet);
    std::vector<float> out(output_of(unet).size());
    gf::InterpreterCore(std::move(weights)).predict(input, out, input.size() / (32 * 32 * 3));
    EXPECT_TRUE(refcase::near_reference(out, output_of(unet)));
}

}  // namespace
