#include "keras_variants.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>

#include "readers/keras_model_config.hpp"
#include "readers/tfjs_model.hpp"

namespace keras_variants {
namespace {

using json = nlohmann::json;

json layers_of(const json& topology) { return topology["config"]["layers"]; }

json first_batch_shape(const json& topology) { return layers_of(topology)[0]["config"]["batch_input_shape"]; }

// Input ranks with the batch axis, per layer, from ganforge's own reading.
std::vector<std::size_t> input_ranks(const json& topology) {
    const auto spec = ganforge::keras_model(topology, "topology").spec;
    std::vector<std::size_t> ranks;
    for (const auto& l : spec.layers) ranks.push_back(l.input_shape.rank() + 1);
    return ranks;
}

json keras3_policy() {
    return {{"module", "keras"}, {"class_name", "DTypePolicy"}, {"config", {{"name", "float32"}}},
            {"registered_name", nullptr}};
}

json keras3_layer(const json& layer) {
    json c = layer["config"];
    c.erase("batch_input_shape");
    c["dtype"] = keras3_policy();
    if (layer["class_name"] == "LeakyReLU") {
        c["negative_slope"] = c["alpha"];
        c.erase("alpha");
    }
    if (layer["class_name"] == "BatchNormalization") c["synchronized"] = false;
    if (layer["class_name"] == "Embedding") c.erase("input_length");
    return {{"module", "keras.layers"}, {"class_name", layer["class_name"]}, {"config", c},
            {"registered_name", nullptr}};
}

json input_layer_keras3(const json& topology, const std::string& name) {
    return {{"module", "keras.layers"},
            {"class_name", "InputLayer"},
            {"config", {{"batch_shape", first_batch_shape(topology)}, {"dtype", "float32"}, {"sparse", false},
                        {"name", name}}},
            {"registered_name", nullptr}};
}

json input_layer_keras2(const json& topology, const std::string& name) {
    return {{"class_name", "InputLayer"},
            {"config", {{"batch_input_shape", first_batch_shape(topology)}, {"dtype", "float32"},
                        {"sparse", false}, {"ragged", false}, {"name", name}}}};
}

std::string name_of(const json& layer) { return layer["config"]["name"]; }

}  // namespace

json tfjs_topology(const std::filesystem::path& model_json) {
    return json::parse(std::ifstream(model_json))["modelTopology"];
}

json tf_keras2(const json& topology) {
    json out = topology;
    const auto ranks = input_ranks(topology);
    json layers = json::array({input_layer_keras2(topology, name_of(layers_of(topology)[0]) + "_input")});
    for (std::size_t i = 0; i < layers_of(topology).size(); ++i) {
        json l = layers_of(topology)[i];
        if (l["class_name"] == "BatchNormalization") l["config"]["axis"] = json::array({ranks[i] - 1});
        layers.push_back(l);
    }
    out["config"]["layers"] = layers;
    out["keras_version"] = "2.12.0";
    out["backend"] = "tensorflow";
    return out;
}

json keras3(const json& topology) {
    json layers = json::array({input_layer_keras3(topology, "input_layer")});
    for (const json& l : layers_of(topology)) layers.push_back(keras3_layer(l));
    return {{"module", "keras"},
            {"class_name", "Sequential"},
            {"config", {{"name", topology["config"]["name"]}, {"trainable", true}, {"dtype", keras3_policy()},
                        {"layers", layers}}},
            {"registered_name", nullptr},
            {"build_config", {{"input_shape", first_batch_shape(topology)}}}};
}

json functional_keras2(const json& topology) {
    json layers = json::array();
    json input = input_layer_keras2(topology, "input_1");
    input["name"] = "input_1";
    input["inbound_nodes"] = json::array();
    layers.push_back(input);
    std::string previous = "input_1";
    for (json l : layers_of(topology)) {
        l["config"].erase("batch_input_shape");
        l["name"] = name_of(l);
        l["inbound_nodes"] = json::array({json::array({json::array({previous, 0, 0, json::object()})})});
        previous = name_of(l);
        layers.push_back(l);
    }
    return {{"class_name", "Functional"},
            {"config", {{"name", "model"}, {"layers", layers}, {"input_layers", json::array({json::array({"input_1", 0, 0})})},
                        {"output_layers", json::array({json::array({previous, 0, 0})})}}},
            {"keras_version", "2.12.0"},
            {"backend", "tensorflow"}};
}

json functional_keras3(const json& topology) {
    json layers = json::array();
    json input = input_layer_keras3(topology, "input_layer");
    input["name"] = "input_layer";
    input["inbound_nodes"] = json::array();
    layers.push_back(input);
    std::string previous = "input_layer";
    for (const json& layer : layers_of(topology)) {
        json l = keras3_layer(layer);
        l["name"] = name_of(l);
        const json tensor = {{"class_name", "__keras_tensor__"},
                             {"config", {{"shape", nullptr}, {"dtype", "float32"},
                                         {"keras_history", json::array({previous, 0, 0})}}}};
        l["inbound_nodes"] = json::array({{{"args", json::array({tensor})}, {"kwargs", json::object()}}});
        previous = name_of(l);
        layers.push_back(l);
    }
    return {{"module", "keras"},
            {"class_name", "Functional"},
            {"config", {{"name", "functional"}, {"trainable", true}, {"layers", layers},
                        {"input_layers", json::array({"input_layer", 0, 0})},
                        {"output_layers", json::array({previous, 0, 0})}}},
            {"registered_name", "Functional"}};
}

json wrapped_keras3(const json& topology) {
    json inner = keras3(topology);
    inner["config"]["name"] = "generator";
    inner["name"] = "generator";
    const json tensor = {{"class_name", "__keras_tensor__"},
                         {"config", {{"shape", nullptr}, {"dtype", "float32"},
                                     {"keras_history", json::array({"gan_input", 0, 0})}}}};
    inner["inbound_nodes"] = json::array({{{"args", json::array({tensor})}, {"kwargs", json::object()}}});
    json input = input_layer_keras3(topology, "gan_input");
    input["name"] = "gan_input";
    input["inbound_nodes"] = json::array();
    return {{"module", "keras"},
            {"class_name", "Functional"},
            {"config", {{"name", "gan"}, {"trainable", true}, {"layers", json::array({input, inner})},
                        {"input_layers", json::array({"gan_input", 0, 0})},
                        {"output_layers", json::array({"generator", 0, 0})}}},
            {"registered_name", "Functional"}};
}

json wrapped_sequential(const json& topology) {
    json inner = tf_keras2(topology);
    inner["config"]["name"] = "generator";
    inner.erase("keras_version");
    inner.erase("backend");
    inner["name"] = "generator";
    inner["inbound_nodes"] = json::array({json::array({json::array({"input_1", 0, 0, json::object()})})});
    json input = input_layer_keras2(topology, "input_1");
    input["name"] = "input_1";
    input["inbound_nodes"] = json::array();
    return {{"class_name", "Functional"},
            {"config", {{"name", "gan"}, {"layers", json::array({input, inner})},
                        {"input_layers", json::array({json::array({"input_1", 0, 0})})},
                        {"output_layers", json::array({json::array({"generator", 0, 0})})}}},
            {"keras_version", "2.12.0"},
            {"backend", "tensorflow"}};
}

namespace {

// The case's layers with their weights, as h5 groups of `style` holding
// `model_config`.
test_h5::File h5_of(const std::filesystem::path& model_json, test_h5::Style style, const json& model_config) {
    const json topology = tfjs_topology(model_json);
    const ganforge::WeightFile weights = ganforge::read_tfjs_weights(model_json);
    test_h5::File f;
    f.style = style;
    f.model_name = topology["config"]["name"];
    f.model_config = model_config.dump();
    for (const json& l : layers_of(topology)) {
        test_h5::Layer layer{name_of(l), {}};
        for (const auto& w : weights.layers)
            if (w.name == layer.name)
                for (const auto& t : w.tensors)
                    layer.tensors.push_back({std::string(ganforge::weight_variable_name(t.name)), t.shape, t.values});
        f.layers.push_back(std::move(layer));
    }
    return f;
}

}  // namespace

test_h5::File h5_file(const std::filesystem::path& model_json, test_h5::Style style) {
    const json topology = tfjs_topology(model_json);
    return h5_of(model_json, style, style == test_h5::Style::keras3 ? keras3(topology) : tf_keras2(topology));
}

json graph_keras2(const json& topology) {
    json out = topology;
    out["class_name"] = "Functional";
    out["keras_version"] = "2.12.0";
    out["backend"] = "tensorflow";
    return out;
}

json graph_keras3(const json& topology) {
    json layers = json::array();
    for (const json& layer : layers_of(topology)) {
        json l;
        if (layer["class_name"] == "InputLayer") {
            json c = layer["config"];
            c["batch_shape"] = c["batch_input_shape"];
            c.erase("batch_input_shape");
            l = {{"module", "keras.layers"}, {"class_name", "InputLayer"}, {"config", c}, {"registered_name", nullptr}};
        } else {
            l = keras3_layer(layer);
        }
        l["name"] = layer["name"];
        json tensors = json::array();
        for (const json& ref : layer["inbound_nodes"].empty() ? json::array() : layer["inbound_nodes"][0])
            tensors.push_back({{"class_name", "__keras_tensor__"},
                               {"config", {{"shape", nullptr}, {"dtype", "float32"},
                                           {"keras_history", json::array({ref[0], 0, 0})}}}});
        const bool merge = layer["class_name"] == "Concatenate" || layer["class_name"] == "Add" ||
                           layer["class_name"] == "Multiply";
        l["inbound_nodes"] = tensors.empty() ? json::array()
                             : json::array({{{"args", merge ? json::array({tensors}) : tensors},
                                             {"kwargs", json::object()}}});
        layers.push_back(l);
    }
    json config = topology["config"];
    config["layers"] = layers;
    config["trainable"] = true;
    // Keras 3 writes one output as a bare [name, node, tensor].
    if (config["output_layers"].size() == 1) config["output_layers"] = config["output_layers"][0];
    return {{"module", "keras"}, {"class_name", "Functional"}, {"config", config}, {"registered_name", "Functional"}};
}

test_h5::File graph_h5_file(const std::filesystem::path& model_json) {
    return h5_of(model_json, test_h5::Style::keras2, graph_keras2(tfjs_topology(model_json)));
}

test_h5::File wrapped_h5_file(const std::filesystem::path& model_json) {
    const json topology = tfjs_topology(model_json);
    const ganforge::WeightFile weights = ganforge::read_tfjs_weights(model_json);
    test_h5::File f;
    f.model_config = wrapped_sequential(topology).dump();
    test_h5::Layer generator{"generator", {}, true};
    for (const bool trainable : {true, false})
        for (const auto& w : weights.layers)
            for (const auto& t : w.tensors) {
                const auto v = ganforge::weight_variable_name(t.name);
                if ((v == "moving_mean" || v == "moving_variance") != trainable)
                    generator.tensors.push_back({w.name + "/" + std::string(v) + ":0", t.shape, t.values});
            }
    f.layers = {test_h5::Layer{"input_1", {}}, generator};
    return f;
}

// keras.src.utils.naming.to_snake_case, written again from its rule.
std::string to_snake_case(const std::string& class_name) {
    std::string s = std::regex_replace(class_name, std::regex("(.)([A-Z][a-z]+)"), "$1_$2");
    s = std::regex_replace(s, std::regex("([a-z])([A-Z])"), "$1_$2");
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

namespace {

// The layers of one container (a model's config "layers"), at
// <container>/<snake case>[_k], nested models' under their own path.
void add_saving_layers(const json& layers, const std::string& container, const ganforge::WeightFile& weights,
                       test_h5::File& f) {
    static const std::vector<std::string> weight_order{"kernel", "bias", "gamma", "beta", "moving_mean",
                                                       "moving_variance", "embeddings"};
    std::map<std::string, int> used;
    for (const json& l : layers) {
        if (l["class_name"] == "InputLayer") continue;
        const std::string snake = to_snake_case(l["class_name"]);
        const int n = used[snake]++;
        const std::string path = container + "/" + snake + (n == 0 ? "" : "_" + std::to_string(n));
        if (l["class_name"] == "Sequential" || l["class_name"] == "Functional") {
            add_saving_layers(l["config"]["layers"], path + "/layers", weights, f);
            continue;
        }
        test_h5::Layer layer{path, {}};
        for (const auto& w : weights.layers)
            if (w.name == name_of(l))
                for (const std::string& role : weight_order)
                    for (const auto& t : w.tensors)
                        if (ganforge::weight_variable_name(t.name) == role) layer.tensors.push_back(t);
        f.layers.push_back(std::move(layer));
    }
}

}  // namespace

test_h5::File keras3_saving_file(const std::filesystem::path& model_json, const json& config) {
    test_h5::File f;
    f.style = test_h5::Style::keras3_saving;
    add_saving_layers(config["config"]["layers"], "layers", ganforge::read_tfjs_weights(model_json), f);
    return f;
}

void write_keras_archive(const std::filesystem::path& path, const json& config,
                         const std::filesystem::path& weights_h5, const std::string& keras_version) {
    std::ifstream in(weights_h5, std::ios::binary);
    const std::string weights{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const json metadata = {{"keras_version", keras_version}, {"date_saved", "2026-12-01@12:00:00"}};
    test_zip::write(path, {{"metadata.json", metadata.dump()}, {"config.json", config.dump()},
                           {"model.weights.h5", weights}});
}

}  // namespace keras_variants
