// Keras model configs as Keras really writes them, and every option ganforge
// must refuse rather than run as a different model: each error names the file,
// the layer and its class.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/dsl/summary.hpp>
#include <ganforge/core/error.hpp>
#include "readers/keras_model_config.hpp"

namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;

json dense(const std::string& name, json extra = json::object()) {
    json c = {{"name", name}, {"units", 8}, {"activation", "linear"}, {"use_bias", true}};
    c.update(extra);
    return {{"class_name", "Dense"}, {"config", c}};
}

json layer(const std::string& cls, const std::string& name, json config = json::object()) {
    config["name"] = name;
    return {{"class_name", cls}, {"config", config}};
}

json input(json batch_shape, const char* key = "batch_input_shape") {
    return layer("InputLayer", "input_1", {{key, batch_shape}});
}

json sequential(json layers) {
    return {{"class_name", "Sequential"}, {"config", {{"name", "sequential"}, {"layers", layers}}}};
}

ganforge::ModelSpec read(const json& model) { return ganforge::parse_model_json(model.dump(), "model.json").spec; }

// The message of the error reading `model` throws.
std::string error_of(const json& model) {
    try {
        read(model);
    } catch (const ganforge::Error& e) {
        return e.what();
    }
    return "(no error)";
}

json image_model(json l) { return sequential({input({nullptr, 8, 8, 4}), l}); }

TEST(KerasConfig, KerasTwoSequentialWithInputLayer) {
    const auto m = read(sequential({input({nullptr, 100}), dense("dense_1", {{"activation", "tanh"}})}));
    ASSERT_EQ(m.layers.size(), 1u);
    EXPECT_EQ(m.input_shape(), ganforge::Shape{100});
    EXPECT_EQ(m.layers[0].activation, ganforge::Activation::tanh);
    EXPECT_EQ(m.names, std::vector<std::string>{"dense_1"});
}

TEST(KerasConfig, BatchInputShapeOnFirstLayerAndOldListConfig) {
    const json first = dense("dense_1", {{"batch_input_shape", {nullptr, 10}}});
    EXPECT_EQ(read(sequential({first})).input_shape(), ganforge::Shape{10});
    // Keras <= 2.1: config is the bare list of layers.
    EXPECT_EQ(read(json{{"class_name", "Sequential"}, {"config", {first}}}).input_shape(), ganforge::Shape{10});
}

TEST(KerasConfig, BuildInputShapeWhenNoLayerSaysIt) {
    json m = sequential({dense("dense_1")});
    m["config"]["build_input_shape"] = {nullptr, 12};
    EXPECT_EQ(read(m).input_shape(), ganforge::Shape{12});
    json k3 = sequential({dense("dense_1")});
    k3["config"]["layers"][0]["build_config"] = {{"input_shape", {nullptr, 7}}};
    EXPECT_EQ(read(k3).input_shape(), ganforge::Shape{7});
    json built = sequential({dense("dense_1")});
    built["build_config"] = {{"input_shape", {nullptr, 5}}};
    EXPECT_EQ(read(built).input_shape(), ganforge::Shape{5});
}

TEST(KerasConfig, KerasThreeObjects) {
    const json policy = {{"module", "keras"}, {"class_name", "DTypePolicy"}, {"config", {{"name", "float32"}}},
                         {"registered_name", nullptr}};
    json leaky = layer("LeakyReLU", "leaky_re_lu", {{"negative_slope", 0.2}, {"dtype", policy}});
    leaky["module"] = "keras.layers";
    leaky["registered_name"] = nullptr;
    const json relu_fn = {{"module", "keras.activations"}, {"class_name", "function"}, {"config", "relu"},
                          {"registered_name", "function"}};
    const auto m = read(sequential({input({nullptr, 4}, "batch_shape"), dense("dense", {{"activation", relu_fn}, {"dtype", policy}}), leaky}));
    EXPECT_EQ(m.layers[0].activation, ganforge::Activation::relu);
    EXPECT_FLOAT_EQ(m.layers[1].alpha, 0.2f);
}

TEST(KerasConfig, MixedPrecisionPolicyReadsAsFloat32) {
    const json policy = {{"class_name", "Policy"}, {"config", {{"name", "mixed_float16"}}}};
    EXPECT_NO_THROW(read(sequential({input({nullptr, 4}), dense("dense", {{"dtype", policy}})})));
}

TEST(KerasConfig, SwishAndSiluAreSwish) {
    for (const char* name : {"swish", "silu"})
        EXPECT_EQ(read(sequential({input({nullptr, 4}), dense("d", {{"activation", name}})})).layers[0].activation,
                  ganforge::Activation::swish);
}

// Every element-wise function of keras.activations by each name Keras 2 and
// 3 write (the Keras 3 names Keras 2 lacks included), as a string and as
// Keras 3's function object; hard_sigmoid is HardSigmoidIsTheWritersOwn's.
TEST(KerasConfig, EveryElementWiseActivationByItsKerasNames) {
    using A = ganforge::Activation;
    const std::pair<const char*, A> names[] = {
        {"linear", A::linear},         {"relu", A::relu},           {"sigmoid", A::sigmoid},
        {"tanh", A::tanh},             {"elu", A::elu},             {"selu", A::selu},
        {"softplus", A::softplus},     {"softsign", A::softsign},   {"swish", A::swish},
        {"silu", A::swish},            {"exponential", A::exponential}, {"relu6", A::relu6},
        {"leaky_relu", A::leaky_relu}, {"gelu", A::gelu},           {"hard_silu", A::hard_silu},
        {"hard_swish", A::hard_silu},  {"hard_tanh", A::hard_tanh}, {"mish", A::mish},
        {"log_sigmoid", A::log_sigmoid}, {"tanh_shrink", A::tanh_shrink}, {"soft_shrink", A::soft_shrink},
        {"hard_shrink", A::hard_shrink}, {"sparse_plus", A::sparse_plus}, {"sparse_sigmoid", A::sparse_sigmoid},
        {"squareplus", A::squareplus}, {"celu", A::celu},
    };
    for (const auto& [name, a] : names) {
        const json function = {{"module", "keras.activations"}, {"class_name", "function"}, {"config", name},
                               {"registered_name", "function"}};
        for (const json& activation : {json(name), function}) {
            const auto m = read(sequential({input({nullptr, 4}), dense("d", {{"activation", activation}})}));
            EXPECT_EQ(m.layers[0].activation, a) << activation;
        }
    }
}

// Keras 2 (and tf.keras, and tfjs-layers after it) define hard_sigmoid as
// clip(0.2 x + 0.5, 0, 1), Keras 3 as relu6(x + 3) / 6: the file's
// keras_version says which, the JSON's own before one the file keeps beside
// it; only Keras 3 writes none.
TEST(KerasConfig, HardSigmoidIsTheWritersOwn) {
    using A = ganforge::Activation;
    const json m = sequential({input({nullptr, 4}), dense("d", {{"activation", "hard_sigmoid"}})});
    auto read_as = [&](const char* version, std::string_view beside = {}) {
        json j = m;
        if (version) j["keras_version"] = version;
        return ganforge::parse_model_json(j.dump(), "model.json", {}, beside).spec.layers[0].activation;
    };
    EXPECT_EQ(read_as("2.15.0"), A::hard_sigmoid_keras2);
    EXPECT_EQ(read_as("2.2.4-tf"), A::hard_sigmoid_keras2);
    EXPECT_EQ(read_as("1.2.2"), A::hard_sigmoid_keras2);
    EXPECT_EQ(read_as("3.3.3"), A::hard_sigmoid);
    EXPECT_EQ(read_as("10.0.0"), A::hard_sigmoid);
    EXPECT_EQ(read_as(nullptr), A::hard_sigmoid);
    EXPECT_EQ(read_as(nullptr, "2.12.0"), A::hard_sigmoid_keras2);
    EXPECT_EQ(read_as("3.3.3", "2.12.0"), A::hard_sigmoid);
    // TensorFlow.js: the converter's files of a Keras model.
    for (const auto& [version, a] : {std::pair{"tfjs-layers 4.10.0", A::hard_sigmoid_keras2},
                                    std::pair{"3.1.0", A::hard_sigmoid}}) {
        const json tfjs = {{"modelTopology", {{"keras_version", version}, {"model_config", m}}}};
        EXPECT_EQ(ganforge::parse_model_json(tfjs.dump(), "model.json").spec.layers[0].activation, a) << version;
    }
    json topology = m;  // tfjs-layers' own model.json: the model is the topology
    topology["keras_version"] = "tfjs-layers 4.10.0";
    const auto tfjs_layers = ganforge::parse_model_json(json{{"modelTopology", topology}}.dump(), "model.json");
    EXPECT_EQ(tfjs_layers.spec.layers[0].activation, A::hard_sigmoid_keras2);
}

TEST(KerasConfig, BatchNormalizationAxisForms) {
    auto bn = [](json axis) { return layer("BatchNormalization", "batch_normalization", {{"axis", axis}}); };
    for (const json axis : {json(-1), json(3), json({3}), json({-1})})
        EXPECT_NO_THROW(read(image_model(bn(axis)))) << axis;
    // Over a Dense output (rank 2 with the batch): 1 is the last axis.
    EXPECT_NO_THROW(read(sequential({input({nullptr, 4}), dense("d"), bn(json({1}))})));
    EXPECT_NO_THROW(read(sequential({input({nullptr, 4}), dense("d"), bn(1)})));
    EXPECT_THAT(error_of(image_model(bn(1))),
                AllOf(HasSubstr("model.json: layer 1 'batch_normalization' (BatchNormalization)"),
                      HasSubstr("axis 1 is not supported")));
    EXPECT_THAT(error_of(image_model(bn(json({1, 2})))), HasSubstr("axis [1,2] is not supported"));
}

TEST(KerasConfig, ReshapeMinusOneIsResolved) {
    const auto m = read(sequential({input({nullptr, 4}), dense("d", {{"units", 48}}),
                                    layer("Reshape", "reshape", {{"target_shape", {4, -1, 3}}})}));
    EXPECT_EQ(m.output_shape(), (ganforge::Shape{4, 4, 3}));
    EXPECT_THAT(error_of(sequential({input({nullptr, 4}), dense("d", {{"units", 48}}),
                                     layer("Reshape", "reshape", {{"target_shape", {5, -1, 3}}})})),
                AllOf(HasSubstr("layer 2 'reshape' (Reshape)"), HasSubstr("do not divide")));
    EXPECT_THAT(error_of(sequential({input({nullptr, 4}), dense("d", {{"units", 48}}),
                                     layer("Reshape", "reshape", {{"target_shape", {-1, -1, 3}}})})),
                HasSubstr("more than one -1"));
}

TEST(KerasConfig, IgnoresWhatDoesNotChangeInference) {
    const json bn = layer("BatchNormalization", "bn", {{"momentum", 0.8}, {"trainable", false},
                                                       {"gamma_regularizer", {{"class_name", "L2"}}},
                                                       {"beta_constraint", {{"class_name", "NonNeg"}}}});
    const json d = dense("d", {{"kernel_initializer", {{"class_name", "GlorotUniform"}, {"config", {{"seed", 3}}}}},
                               {"kernel_regularizer", {{"class_name", "L1"}}},
                               {"activity_regularizer", {{"class_name", "L2"}}}, {"kernel_constraint", {{"class_name", "MaxNorm"}}}});
    EXPECT_NO_THROW(read(sequential({input({nullptr, 4}), d, bn, layer("Dropout", "dropout", {{"rate", 0.5}, {"seed", 1}})})));
}

// A functional model whose layers do not form one chain.
json functional(json layers, json inputs, json outputs) {
    return {{"class_name", "Functional"},
            {"config", {{"name", "model"}, {"layers", layers}, {"input_layers", inputs}, {"output_layers", outputs}}}};
}

json node(const std::string& from) { return json::array({json::array({json::array({from, 0, 0, json::object()})})}); }

json with_inbound(json l, json inbound) {
    l["name"] = l["config"]["name"];
    l["inbound_nodes"] = inbound;
    return l;
}

json call(std::vector<std::string> from) {
    json refs = json::array();
    for (const auto& f : from) refs.push_back(json::array({f, 0, 0, json::object()}));
    return json::array({refs});
}

TEST(KerasConfig, FunctionalGraphsKeepTheirEdges) {
    const json in = with_inbound(input({nullptr, 4}), json::array());
    const json a = with_inbound(dense("a"), node("input_1"));
    const json b = with_inbound(dense("b"), node("input_1"));
    const json add = with_inbound(layer("Add", "add"), call({"a", "b", "a"}));
    const auto m = read(functional({in, a, b, add}, {{"input_1", 0, 0}}, {{"add", 0, 0}}));
    ASSERT_EQ(m.layers.size(), 3u);
    EXPECT_FALSE(m.is_chain());
    const auto& merge = m.layers[2];
    ASSERT_EQ(merge.inbound_count, 3u);
    EXPECT_EQ(merge.inbound[0], (ganforge::TensorRef{false, 0}));
    EXPECT_EQ(merge.inbound[1], (ganforge::TensorRef{false, 1}));
    EXPECT_EQ(merge.inbound[2], (ganforge::TensorRef{false, 0}));
    EXPECT_EQ(m.layers[1].inbound[0], (ganforge::TensorRef{true, 0}));
    EXPECT_EQ(m.output_shape(), ganforge::Shape{8});
}

TEST(KerasConfig, LayersOutOfOrderAreTakenAfterWhatTheyRead) {
    const json in = with_inbound(input({nullptr, 4}), json::array());
    const json a = with_inbound(dense("a"), node("input_1"));
    const json b = with_inbound(dense("b", {{"units", 3}}), node("a"));
    const auto m = read(functional({b, in, a}, {{"input_1", 0, 0}}, {{"b", 0, 0}}));
    ASSERT_EQ(m.layers.size(), 2u);
    EXPECT_TRUE(m.is_chain());
    EXPECT_EQ(m.output_shape(), ganforge::Shape{3});
}

TEST(KerasConfig, BadGraphsAreErrors) {
    const json in = with_inbound(input({nullptr, 4}), json::array());
    const json a = with_inbound(dense("a"), node("input_1"));
    const json b = with_inbound(dense("b"), node("input_1"));
    EXPECT_THAT(error_of(functional({in, a, b}, {{"input_1", 0, 0}}, {{"a", 0, 0}})),
                AllOf(HasSubstr("model.json"), HasSubstr("layer 'b' does not lead to the model's output")));
    EXPECT_THAT(error_of(functional({in, a, b}, {{"input_1", 0, 0}}, {{"a", 0, 0}, {"b", 0, 0}})),
                HasSubstr("has 2 outputs"));
    json twice = a;
    twice["inbound_nodes"] = json::array({node("input_1")[0], node("input_1")[0]});
    EXPECT_THAT(error_of(functional({in, twice}, {{"input_1", 0, 0}}, {{"a", 0, 0}})), HasSubstr("is called 2 times"));
    EXPECT_THAT(error_of(functional({in, a}, {{"input_1", 0, 0}}, {{"nothere", 0, 0}})),
                HasSubstr("refers to a layer 'nothere'"));
    EXPECT_THAT(error_of(functional({in, with_inbound(dense("a"), node("gone"))}, {{"input_1", 0, 0}}, {{"a", 0, 0}})),
                HasSubstr("layer 'a' refers to a layer 'gone'"));
    EXPECT_THAT(error_of(functional({in, a, a}, {{"input_1", 0, 0}}, {{"a", 0, 0}})), HasSubstr("two layers are named 'a'"));
    const json c1 = with_inbound(layer("Add", "c1"), call({"input_1", "c2"}));
    const json c2 = with_inbound(dense("c2", {{"units", 4}}), node("c1"));
    EXPECT_THAT(error_of(functional({in, c1, c2}, {{"input_1", 0, 0}}, {{"c2", 0, 0}})),
                HasSubstr("its layers form a cycle through 'c1'"));
    const json narrow = with_inbound(dense("n", {{"units", 3}}), node("input_1"));
    const json join = with_inbound(layer("Add", "join"), call({"a", "n"}));
    EXPECT_THAT(error_of(functional({in, a, narrow, join}, {{"input_1", 0, 0}}, {{"join", 0, 0}})),
                AllOf(HasSubstr("Add (layer 3, 'join')"), HasSubstr("input 1 (8) and input 2 (3) differ")));
    const json cat = with_inbound(layer("Concatenate", "cat", {{"axis", 2}}), call({"a", "n"}));
    EXPECT_THAT(error_of(functional({in, a, narrow, cat}, {{"input_1", 0, 0}}, {{"cat", 0, 0}})),
                HasSubstr("axis 2 is outside its inputs' 2 axes"));
    EXPECT_THAT(error_of(functional({in, with_inbound(dense("d"), call({"input_1", "input_1"}))}, {{"input_1", 0, 0}},
                                    {{"d", 0, 0}})),
                HasSubstr("it reads 2 tensors; it takes one"));
}

// Keras 2.2.4 lists a functional model's InputLayer first, not a Sequential's.
TEST(KerasConfig, AFunctionalModelsSummaryListsItsInputLayer) {
    const json in = with_inbound(input({nullptr, 4}), json::array());
    const json a = with_inbound(dense("a"), node("input_1"));
    const auto functional_model = ganforge::parse_model_json(
        functional({in, a}, {{"input_1", 0, 0}}, {{"a", 0, 0}}).dump(), "model.json");
    EXPECT_EQ(functional_model.input_layer, "input_1");
    EXPECT_EQ(ganforge::summary(functional_model.spec, functional_model.input_layer),
              "_________________________________________________________________\n"
              "Layer (type)                 Output Shape              Param #   \n"
              "=================================================================\n"
              "input_1 (InputLayer)         (None, 4)                 0         \n"
              "_________________________________________________________________\n"
              "a (Dense)                    (None, 8)                 40        \n"
              "=================================================================\n"
              "Total params: 40\n"
              "Trainable params: 40\n"
              "Non-trainable params: 0\n"
              "_________________________________________________________________\n");
    EXPECT_EQ(ganforge::parse_model_json(sequential({input({nullptr, 4}), dense("a")}).dump(), "model.json").input_layer,
              "");
}

struct BadOption {
    const char* what;
    json layer;
    const char* message;
};

class RefusedOptions : public ::testing::TestWithParam<BadOption> {};

TEST_P(RefusedOptions, ErrorNamesLayerClassAndOption) {
    const BadOption& b = GetParam();
    const std::string cls = b.layer["class_name"], name = b.layer["config"]["name"];
    EXPECT_THAT(error_of(image_model(b.layer)),
                AllOf(HasSubstr("model.json: layer 1 '" + name + "' (" + cls + "): "), HasSubstr(b.message)));
}

json conv(const char* cls, json extra) {
    json c = {{"filters", 4}, {"kernel_size", {3, 3}}, {"strides", {1, 1}}, {"padding", "same"}};
    c.update(extra);
    return layer(cls, "conv", c);
}

INSTANTIATE_TEST_SUITE_P(
    Keras, RefusedOptions,
    ::testing::Values(
        BadOption{"dilation", conv("Conv2D", {{"dilation_rate", {2, 2}}}), "dilation_rate [2,2] is not supported"},
        BadOption{"dilation_int", conv("Conv2DTranspose", {{"dilation_rate", 2}}), "dilation_rate 2 is not supported"},
        BadOption{"groups", conv("Conv2D", {{"groups", 2}}), "groups 2 is not supported"},
        BadOption{"channels_first", conv("Conv2D", {{"data_format", "channels_first"}}), "data_format 'channels_first'"},
        BadOption{"output_padding_same", conv("Conv2DTranspose", {{"output_padding", {1, 1}}}),
                  "output_padding [1,1] with padding 'same' is not supported"},
        // tfjs-layers' tanh approximation of gelu; Keras' threshold, which takes no defaults.
        BadOption{"unknown_activation", conv("Conv2D", {{"activation", "gelu_new"}}),
                  "activation 'gelu_new' is not supported (ganforge has linear, relu,"},
        BadOption{"threshold_activation", conv("Conv2D", {{"activation", "threshold"}}),
                  "activation 'threshold' is not supported"},
        BadOption{"softmax_layer", layer("Activation", "act", {{"activation", "softmax"}}),
                  "activation 'softmax' is not element-wise"},
        BadOption{"log_softmax", conv("Conv2D", {{"activation", "log_softmax"}}),
                  "activation 'log_softmax' is not element-wise"},
        BadOption{"glu", layer("Activation", "act", {{"activation", "glu"}}), "activation 'glu' is not element-wise"},
        BadOption{"sparsemax", layer("Activation", "act", {{"activation", "sparsemax"}}),
                  "activation 'sparsemax' is not element-wise"},
        BadOption{"causal_padding", conv("Conv2D", {{"padding", "causal"}}), "padding 'causal' is not supported"},
        BadOption{"relu_max_value", layer("ReLU", "re_lu", {{"max_value", 6.0}}), "max_value 6.0 is not supported"},
        BadOption{"relu_negative_slope", layer("ReLU", "re_lu", {{"negative_slope", 0.1}}), "negative_slope 0.1"},
        BadOption{"relu_threshold", layer("ReLU", "re_lu", {{"threshold", 0.5}}), "threshold 0.5"},
        BadOption{"bicubic", layer("UpSampling2D", "up", {{"interpolation", "bicubic"}}), "interpolation 'bicubic'"},
        BadOption{"float64", layer("ReLU", "re_lu", {{"dtype", "float64"}}), "dtype 'float64' is not supported"},
        BadOption{"int8_policy", layer("ReLU", "re_lu", {{"dtype", {{"class_name", "QuantizedDTypePolicy"}, {"config", {{"name", "int8_from_float32"}}}}}}),
                  "dtype 'int8_from_float32'"},
        BadOption{"lora", conv("Conv2D", {{"lora_rank", 4}}), "LoRA (lora_rank 4)"},
        BadOption{"renorm", layer("BatchNormalization", "bn", {{"renorm", true}}), "renorm is not supported"},
        BadOption{"unknown_class", layer("Conv3D", "conv3d"),
                  "class 'Conv3D' is not a ganforge layer; map it to one with --layer 'Conv3D=<Layer>(...)'"},
        BadOption{"negative_filters", conv("Conv2D", {{"filters", -4}}), "filters must be in [1, 1048576], got -4"},
        BadOption{"huge_filters", conv("Conv2D", {{"filters", 1ll << 40}}), "filters must be in [1, 1048576]"},
        BadOption{"float_filters", conv("Conv2D", {{"filters", 4.5}}), "filters must be an integer, got 4.5"},
        BadOption{"string_kernel", conv("Conv2D", {{"kernel_size", "3"}}), "kernel_size must be an integer"},
        BadOption{"three_kernel", conv("Conv2D", {{"kernel_size", {3, 3, 3}}}), "kernel_size must be one integer or two"},
        BadOption{"zero_stride", conv("Conv2D", {{"strides", 0}}), "strides must be in [1, 1024], got 0"},
        BadOption{"huge_units", layer("Dense", "dense", {{"units", 100000000}}), "units must be in [1, 1048576]"},
        BadOption{"missing_units", layer("Dense", "dense"), "units is missing"},
        BadOption{"nan_alpha", layer("LeakyReLU", "leaky", {{"alpha", "x"}}), "alpha must be a number"},
        BadOption{"rate_above_one", layer("Dropout", "dropout", {{"rate", 1.5}}), "rate must be in [0, 1], got 1.5"},
        // Found by fuzz_tfjs_weights: a name from the file must not break the message's one line.
        BadOption{"activation_with_newline", layer("Activation", "act", {{"activation", "t\nh"}}),
                  "activation 't\\nh' is not supported"},
        BadOption{"epsilon_zero", layer("BatchNormalization", "bn", {{"epsilon", 0}}), "epsilon must be positive"},
        BadOption{"config_not_object", json{{"class_name", "Dense"}, {"config", {{"name", "dense"}}}}, "units is missing"}),
    [](const auto& info) { return std::string(info.param.what); });

TEST(KerasConfig, ChainFaultsNameTheLayer) {
    // A Conv2D on a flat input, a kernel larger than its input: the runtime
    // twin of the DSL's static_asserts.
    EXPECT_THAT(error_of(sequential({input({nullptr, 10}), conv("Conv2D", json::object())})),
                AllOf(HasSubstr("model.json: Conv2D (layer 1, 'conv')"), HasSubstr("needs an image input")));
    EXPECT_THAT(error_of(sequential({input({nullptr, 2, 2, 1}), conv("Conv2D", {{"padding", "valid"}})})),
                HasSubstr("kernel_size (3, 3) is larger than its input (2, 2)"));
    EXPECT_THAT(error_of(sequential({input({nullptr, 4}), layer("Reshape", "reshape", {{"target_shape", {3, 3, 1}}})})),
                HasSubstr("target_shape holds 9 values, its input 4"));
}

TEST(KerasConfig, InputShapeProblems) {
    EXPECT_THAT(error_of(sequential({dense("d")})), HasSubstr("does not give its input shape"));
    EXPECT_THAT(error_of(sequential({input({nullptr, nullptr, nullptr, 3}), dense("d")})),
                HasSubstr("input 'input_1' is (None, None, None, 3): it has an unknown extent (None); pass its shape "
                          "with --input-shape H,W,3"));
    EXPECT_THAT(error_of(sequential({input({nullptr, 2, 28, 28, 1}), dense("d")})), HasSubstr("has 4 extents"));
    EXPECT_THAT(error_of(sequential({input({nullptr, -3}), dense("d")})), HasSubstr("every extent must be null or an integer"));
    EXPECT_THAT(error_of(sequential({input({nullptr, 1 << 20, 1 << 20, 1 << 20}), dense("d")})),
                HasSubstr("its output has more than"));
}

TEST(KerasConfig, ModelClassesAndJsonSyntax) {
    EXPECT_THAT(error_of(json{{"class_name", "MyGenerator"}, {"config", json::object()}}),
                HasSubstr("model class 'MyGenerator' is not supported"));
    EXPECT_THAT(error_of(json::array({1, 2})), HasSubstr("a model must be an object with a class_name"));
    for (const char* text : {"", "{", R"({"class_name": "Sequential", )", "\xff\xfe", "[1, 2,"}) {
        try {
            ganforge::parse_model_json(text, "broken.json");
            ADD_FAILURE() << "no error for " << text;
        } catch (const ganforge::Error& e) {
            EXPECT_THAT(e.what(), HasSubstr("broken.json: not valid JSON (line 1, column"));
        }
    }
}

TEST(KerasConfig, TfjsConverterNestsModelConfig) {
    const json model = {{"modelTopology", {{"keras_version", "2.15.0"}, {"backend", "tensorflow"},
                                           {"model_config", sequential({input({nullptr, 3}), dense("d")})}}},
                        {"weightsManifest", json::array()}};
    const auto m = ganforge::parse_model_json(model.dump(), "model.json");
    EXPECT_EQ(m.keras_version, "2.15.0");
    EXPECT_EQ(m.spec.input_shape(), ganforge::Shape{3});
}

// A 'valid' Conv2DTranspose's output_padding: (in - 1) * stride + kernel + output_padding.
TEST(KerasConfig, OutputPaddingWithValidPadding) {
    const auto spec = read(sequential(
        {input({nullptr, 3, 4, 2}),
         conv("Conv2DTranspose", {{"output_padding", {1, 0}}, {"padding", "valid"}, {"strides", {2, 3}}})}));
    EXPECT_EQ(spec.layers[0].output_padding, ganforge::OutputPadding(1, 0));
    EXPECT_EQ(spec.output_shape(), (ganforge::Shape{8, 12, 4}));
    EXPECT_THAT(error_of(image_model(conv("Conv2DTranspose", {{"output_padding", {1, 1}}, {"padding", "valid"}}))),
                HasSubstr("Conv2DTranspose (layer 1, 'conv'): output_padding (1, 1) must be at least 0 and less "
                          "than strides (1, 1)"));
}

}  // namespace
