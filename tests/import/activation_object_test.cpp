// An activation given as a layer object, as Keras 3 serialises
// `Dense(8, activation=LeakyReLU(0.1))`: read as the Dense with a linear
// activation followed by the LeakyReLU, `dense_3_activation`, which the
// layers that read the Dense read instead. dense_activations (its dense_3 is
// linear, then a LeakyReLU(0.1) layer) rewritten that way computes the same,
// from a Keras JSON, a functional config and a .keras archive.
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>
#include <ganforge/readers/load_weights.hpp>
#include <ganforge/readers/model_file.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include "readers/keras_model_config.hpp"

#include "keras_variants.hpp"
#include "refcase.hpp"

namespace {

namespace fs = std::filesystem;
namespace gf = ganforge;
using nlohmann::json;
using ::testing::HasSubstr;

const fs::path case_dir = refcase::case_dir("dense_activations");

std::string error_of(auto read) {
    try {
        read();
    } catch (const gf::Error& e) {
        return e.what();
    }
    return "(no error)";
}

json topology() { return keras_variants::tfjs_topology(case_dir / "model.json"); }

json& layer_named(json& config, const std::string& name) {
    for (json& l : config["config"]["layers"])
        if (l["config"]["name"] == name) return l;
    throw std::runtime_error("no layer " + name);
}

// `config` (Keras 3's) with dense_3's LeakyReLU layer given as its activation
// object instead: `object` edits that object.
json with_activation_object(json config, const std::function<void(json&)>& object = [](json&) {}) {
    json& layers = config["config"]["layers"];
    json leaky = layer_named(config, "leaky_re_lu");
    leaky.erase("name");
    leaky.erase("inbound_nodes");
    object(leaky);
    layer_named(config, "dense_3")["config"]["activation"] = leaky;
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i]["config"]["name"] == "leaky_re_lu") layers.erase(i);
    // A functional model's next layer read the LeakyReLU; now it reads dense_3.
    for (json& l : layers)
        if (l.contains("inbound_nodes") && !l["inbound_nodes"].empty()) {
            json& history = l["inbound_nodes"][0]["args"][0]["config"]["keras_history"];
            if (history[0] == "leaky_re_lu") history[0] = "dense_3";
        }
    return config;
}

std::vector<float> run(gf::WeightStore weights) {
    const auto input = refcase::read_floats(case_dir / "input.bin");
    std::vector<float> out(input.size() / 10 * 8);
    gf::InterpreterCore(std::move(weights)).predict(input, out, input.size() / 10);
    return out;
}

// The model `config` describes, with the case's weights, against the case's output.
void expect_reproduces(const json& config) {
    gf::WeightStore weights(gf::parse_model_json(config.dump(), "config.json").spec);
    gf::load_weights_into(weights, case_dir / "model.json");
    EXPECT_TRUE(refcase::near_reference(run(std::move(weights)), refcase::read_floats(case_dir / "output.bin")));
}

TEST(ActivationObject, ReadAsTheLayerItNamesAfterTheLayer) {
    json config = with_activation_object(keras_variants::keras3(topology()));
    ASSERT_EQ(layer_named(config, "dense_3")["config"]["activation"]["module"], "keras.layers");
    const gf::ModelSpec spec = gf::parse_model_json(config.dump(), "config.json").spec;
    EXPECT_EQ(spec.names, (std::vector<std::string>{"dense", "dense_1", "dense_2", "dense_3", "dense_3_activation",
                                                    "activation"}));
    EXPECT_EQ(spec.layers[3].activation, gf::Activation::linear);
    EXPECT_EQ(spec.layers[4].kind, gf::LayerKind::leaky_relu);
    EXPECT_FLOAT_EQ(spec.layers[4].alpha, 0.1f);
    expect_reproduces(config);
}

TEST(ActivationObject, LayersThatReadTheLayerReadItsActivation) {
    const json config = with_activation_object(keras_variants::functional_keras3(topology()));
    const gf::ModelSpec spec = gf::parse_model_json(config.dump(), "config.json").spec;
    ASSERT_EQ(spec.names.size(), 6u);
    EXPECT_EQ(spec.names[4], "dense_3_activation");
    EXPECT_EQ(spec.layers[5].inbound[0], (gf::TensorRef{false, 4}));
    expect_reproduces(config);
}

TEST(ActivationObject, KerasArchive) {
    const refcase::TempDir dir("activation_object");
    const json config = with_activation_object(keras_variants::keras3(topology()));
    test_h5::write(dir / "model.weights.h5", keras_variants::keras3_saving_file(case_dir / "model.json", config));
    keras_variants::write_keras_archive(dir / "model.keras", config, dir / "model.weights.h5");
    gf::ModelWithWeights m = gf::read_model_with_weights(dir / "model.keras");
    EXPECT_EQ(m.model.spec.names[4], "dense_3_activation");
    EXPECT_TRUE(refcase::near_reference(run(std::move(m.weights)), refcase::read_floats(case_dir / "output.bin")));
}

// tf.keras 2 writes the object without module and registered_name; a
// function stays an activation field.
TEST(ActivationObject, OtherFormsOfAnActivation) {
    json config = with_activation_object(keras_variants::tf_keras2(topology()), [](json& leaky) {
        leaky.erase("module");
        leaky.erase("registered_name");
    });
    layer_named(config, "dense_1")["config"]["activation"] = {{"module", "keras.activations"}, {"class_name", "function"},
                                                              {"config", "tanh"}, {"registered_name", "tanh"}};
    const gf::ModelSpec spec = gf::parse_model_json(config.dump(), "config.json").spec;
    EXPECT_EQ(spec.names.size(), 6u);
    EXPECT_EQ(spec.layers[1].activation, gf::Activation::tanh);
    expect_reproduces(config);
}

TEST(ActivationObject, AnActivationsLayerNameIsNotTheFiles) {
    json config = keras_variants::keras3(topology());
    layer_named(config, "activation")["config"]["name"] = "dense_3_activation";
    const gf::ModelSpec spec = gf::parse_model_json(with_activation_object(config).dump(), "config.json").spec;
    EXPECT_EQ(spec.names[4], "dense_3_activation_1");
    EXPECT_EQ(spec.names[5], "dense_3_activation");
}

TEST(ActivationObject, ObjectsThatAreNotElementwiseAreErrors) {
    auto as = [](const std::string& cls, json config) {
        return [=](json& object) {
            object["class_name"] = cls;
            object["config"] = config;
        };
    };
    const json base = keras_variants::keras3(topology());
    for (const auto& [cls, config] : std::vector<std::pair<std::string, json>>{
             {"Dense", {{"units", 8}}}, {"BatchNormalization", json::object()}, {"Add", json::object()}}) {
        const json model = with_activation_object(base, as(cls, config));
        EXPECT_THAT(error_of([&] { gf::parse_model_json(model.dump(), "config.json"); }),
                    HasSubstr("config.json: layer 'dense_3': its activation is a " + cls +
                              " object, which ganforge does not read as an activation"));
    }
    // An unknown class is mapped as a layer's would be.
    const json custom = with_activation_object(base, as("MyAct", {{"slope", 0.1}}));
    EXPECT_THAT(error_of([&] { gf::parse_model_json(custom.dump(), "config.json"); }),
                HasSubstr("config.json: layer 5 'dense_3_activation' (MyAct, the activation of layer 'dense_3'): "
                          "class 'MyAct' is not a ganforge layer; map it to one with --layer 'MyAct=<Layer>(...)'"));
    expect_reproduces(with_activation_object(base, as("LeakyReLU", {{"negative_slope", 0.1}})));
    const gf::ModelSpec mapped =
        gf::parse_model_json(custom.dump(), "config.json", {.custom_layers = {{"MyAct", "LeakyReLU(0.1)"}}}).spec;
    EXPECT_FLOAT_EQ(mapped.layers[4].alpha, 0.1f);
}

}  // namespace
