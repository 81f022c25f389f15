#include "readers/keras_model_config.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/shape_inference.hpp>
#include <ganforge/core/error.hpp>
#include "readers/custom_layers.hpp"
#include "readers/declared_inputs.hpp"
#include "readers/keras_activation_object.hpp"
#include "runtime/import_limits.hpp"
#include "runtime/keras_config_fields.hpp"
#include "runtime/keras_layer_config.hpp"

namespace ganforge {
namespace {

namespace limits = import_limits;
using json = nlohmann::json;

struct GraphLayer {
    std::string class_name;
    std::string name;
    const json* config;
    std::vector<TensorRef> inbound;
    std::string saving_path;  // where Keras 3's saving code files its weights
    std::string activation_of;  // the layer whose activation object this is, if it is one
};

// keras.src.utils.naming.to_snake_case: word characters only; "_" before
// each capitalised word that follows a character, and between a lower-case
// letter and a capital; all lower case ("Conv2DTranspose" ->
// "conv2d_transpose", "LeakyReLU" -> "leaky_re_lu"). Where Keras' first
// pattern skips a word because the match before it took its preceding
// letter, its second pattern puts the same "_" there.
std::string keras_snake_case(std::string_view class_name) {
    auto is = [](auto test, char c) { return test(static_cast<unsigned char>(c)) != 0; };
    std::string word;
    for (char c : class_name)
        if (is(::isalnum, c) || c == '_') word += c;
    std::string out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const bool capitalised_word = is(::isupper, word[i]) && i + 1 < word.size() && is(::islower, word[i + 1]);
        const bool after_lower = i > 0 && is(::islower, word[i - 1]) && is(::isupper, word[i]);
        if (i > 0 && (capitalised_word || after_lower)) out += '_';
        out += char(std::tolower(static_cast<unsigned char>(word[i])));
    }
    return out;
}

// The saving paths of one container's entries, in its list order: the snake
// case of each class, then _1, _2 for the next ones of that class.
class SavingNames {
public:
    explicit SavingNames(std::string container) : container_(std::move(container)) {}
    std::string next(std::string_view class_name) {
        const std::string snake = keras_snake_case(class_name);
        const int n = used_[snake]++;
        return fmt::format("{}/{}{}", container_, snake, n == 0 ? std::string() : fmt::format("_{}", n));
    }

private:
    std::string container_;
    std::map<std::string, int> used_;
};

// A model read into its layers and the tensors each reads; nested models are
// expanded in place (their layers read what the nested model was called on).
class Graph {
public:
    // `custom`: the classes ReadOptions::custom_layers maps, whose configs
    // are not the file's to read.
    Graph(std::string origin, const CustomLayers& custom) : origin_(std::move(origin)), custom_(custom) {}

    std::string model_name;
    std::string input_layer;  // a top-level functional model's first InputLayer
    std::vector<std::optional<DeclaredShape>> inputs;
    std::vector<std::string> input_names;
    std::vector<GraphLayer> layers;
    TensorRef output{true, 0};

    [[noreturn]] void fail(std::string_view problem) const {
        throw Error(fmt::format("{}: {}", origin_, problem));
    }

    // `from`: the tensors a nested model is called on; empty for the top model,
    // whose inputs become the model's. `layers_path`: where Keras 3 files the
    // weights of the model's layers ("layers" for the top model).
    TensorRef add_model(const json& model, int depth, const std::vector<TensorRef>& from,
                        const std::string& layers_path) {
        if (depth > limits::max_model_depth)
            fail(fmt::format("models are nested more than {} deep", limits::max_model_depth));
        if (!model.is_object() || !model.contains("class_name") || !model["class_name"].is_string())
            fail(fmt::format("a model must be an object with a class_name, got {}", brief_json(model)));
        const auto cls = model["class_name"].get<std::string>();
        const auto c = model.find("config");
        if (c == model.end()) fail(fmt::format("model class {} has no config", cls));
        std::string name = c->is_object() && c->contains("name") && (*c)["name"].is_string()
                               ? (*c)["name"].get<std::string>() : std::string();
        if (depth == 0) model_name = name;
        TensorRef out;
        if (cls == "Sequential") {
            if (from.size() > 1)
                fail(fmt::format("Sequential '{}' is called on {} tensors; it takes one", name, from.size()));
            out = add_sequential(*c, name, depth, from.empty() ? std::nullopt : std::optional(from[0]), layers_path);
        } else if (cls == "Functional" || cls == "Model") {
            out = add_functional(*c, name, depth, from, layers_path);
        } else {
            fail(fmt::format("model class '{}' is not supported (Sequential, or a functional Model)", cls));
        }
        // Keras 3 keeps the shape a model was built for beside its config.
        if (const auto b = model.find("build_config"); depth == 0 && b != model.end() && b->is_object())
            if (const auto s = b->find("input_shape"); s != b->end() && !s->is_null() &&
                                                       inputs.size() == 1 && !inputs[0])
                set_input(0, *s, true, fmt::format("model '{}' build_config", name));
        return out;
    }

private:
    std::string origin_;
    const CustomLayers& custom_;
    // The layers' configs ganforge writes itself (a layer's own with its
    // activation object taken out); a deque keeps them where layers point.
    std::deque<json> owned_configs_;

    static bool is_model_class(const std::string& cls) {
        return cls == "Sequential" || cls == "Functional" || cls == "Model";
    }

    static std::string entry_name(const json& entry) {
        if (const auto n = entry.find("name"); n != entry.end() && n->is_string()) return *n;
        if (const auto c = entry.find("config"); c != entry.end() && c->is_object())
            if (const auto n = c->find("name"); n != c->end() && n->is_string()) return *n;
        return {};
    }

    const json& entry_config(const json& entry, const std::string& cls) const {
        const auto c = entry.find("config");
        if (c == entry.end() || !c->is_object())
            fail(fmt::format("layer {} ({}): config must be an object", layers.size() + 1, cls));
        return *c;
    }

    std::string entry_class(const json& entry) const {
        if (!entry.is_object() || !entry.contains("class_name") || !entry["class_name"].is_string())
            fail(fmt::format("layer {}: a layer must be an object with a class_name, got {}",
                             layers.size() + 1, brief_json(entry)));
        return entry["class_name"].get<std::string>();
    }

    TensorRef new_input(const std::string& name) {
        inputs.emplace_back();
        input_names.push_back(name);
        return {true, inputs.size() - 1};
    }

    TensorRef push_layer(GraphLayer layer) {
        if (layers.size() >= limits::max_layers)
            fail(fmt::format("the model has more than {} layers", limits::max_layers));
        layers.push_back(std::move(layer));
        return {false, layers.size() - 1};
    }

    TensorRef add_layer(const std::string& cls, const std::string& name, const json& config,
                        std::vector<TensorRef> inbound, std::string saving_path) {
        if (inbound.size() > max_layer_inputs)
            fail(fmt::format("layer '{}' ({}) reads {} tensors; ganforge takes at most {}", name, cls,
                             inbound.size(), max_layer_inputs));
        auto activation = custom_.contains(cls) ? std::nullopt : activation_object(config);
        if (!activation) return push_layer({cls, name, &config, std::move(inbound), std::move(saving_path), {}});
        const json& own = owned_configs_.emplace_back(std::move(activation->layer_config));
        const TensorRef layer = push_layer({cls, name, &own, std::move(inbound), saving_path, {}});
        // Keras 3 tracks the object as the layer's attribute; it holds no weights to file.
        return push_layer({activation->class_name, activation_layer_name(name), activation->config, {layer},
                           saving_path + "/activation", name});
    }

    void set_input_from(std::size_t k, const json& config, const std::string& where) {
        for (const char* key : {"batch_input_shape", "batch_shape"})
            if (const auto s = config.find(key); s != config.end() && !s->is_null())
                return set_input(k, *s, true, fmt::format("{} {}", where, key));
        if (const auto s = config.find("input_shape"); s != config.end() && !s->is_null())
            set_input(k, *s, false, fmt::format("{} input_shape", where));
    }

    // A shape as Keras writes it: [null, 100] or [null, null, null, 3] with
    // the batch axis (null or a fixed batch size), or without it; null is an
    // unknown extent (ReadOptions::input_shapes gives it).
    void set_input(std::size_t k, const json& shape, bool with_batch, const std::string& where) {
        if (!shape.is_array() || shape.size() < (with_batch ? 2u : 1u))
            fail(fmt::format("{} {} is not a shape", where, brief_json(shape)));
        DeclaredShape extents;
        for (std::size_t i = with_batch ? 1 : 0; i < shape.size(); ++i) {
            const json& e = shape[i];
            if (e.is_null()) {
                extents.emplace_back();
                continue;
            }
            if (!e.is_number_unsigned() || e.get<std::uint64_t>() < 1 ||
                e.get<std::uint64_t>() > std::uint64_t(limits::max_extent))
                fail(fmt::format("{} {}: every extent must be null or an integer in [1, {}]", where,
                                 brief_json(shape), limits::max_extent));
            extents.emplace_back(e.get<std::size_t>());
        }
        if (extents.size() > Shape::max_rank)
            fail(fmt::format("{} {} has {} extents; ganforge inputs have 1 to 3 (a vector, a sequence "
                             "or an image: height, width, channels)", where, brief_json(shape), extents.size()));
        inputs[k] = std::move(extents);
    }

    TensorRef add_sequential(const json& config, const std::string& name, int depth,
                             std::optional<TensorRef> from, const std::string& layers_path) {
        // Keras <= 2.1 wrote the layer list as the whole config.
        const json* list = config.is_array() ? &config : nullptr;
        if (config.is_object() && config.contains("layers")) list = &config["layers"];
        if (!list || !list->is_array())
            fail(fmt::format("Sequential '{}': config has no list of layers", name));
        const bool top = !from;
        SavingNames saving(layers_path);
        for (const json& entry : *list) {
            const std::string cls = entry_class(entry);
            const json& c = entry_config(entry, cls);
            const std::string layer_name = entry_name(entry);
            if (cls == "InputLayer") {
                // A nested model's own InputLayer repeats what it is called on.
                if (!from) {
                    from = new_input(layer_name);
                    set_input_from(from->index, c, fmt::format("InputLayer '{}'", layer_name));
                }
                continue;
            }
            if (!from) {
                from = new_input(layer_name + "_input");
                set_input_from(from->index, c, fmt::format("layer 1 '{}' ({})", layer_name, cls));
                // Keras 3 keeps the shape a layer was built for beside its config.
                const auto b = entry.find("build_config");
                if (!inputs[from->index] && b != entry.end() && b->is_object() && b->contains("input_shape"))
                    set_input(from->index, (*b)["input_shape"], true,
                              fmt::format("layer 1 '{}' build_config", layer_name));
            }
            const std::string path = saving.next(cls);
            from = is_model_class(cls) ? add_model(entry, depth + 1, {*from}, path + "/layers")
                                       : add_layer(cls, layer_name, c, {*from}, path);
        }
        if (!from) from = new_input(name + "_input");
        if (top && inputs.size() == 1 && !inputs[0] && config.is_object())
            if (const auto b = config.find("build_input_shape"); b != config.end() && !b->is_null())
                set_input(0, *b, true, fmt::format("Sequential '{}' build_input_shape", name));
        return *from;
    }

    // input_layers / output_layers: [[name, node, tensor], ...] or Keras 3's
    // single [name, node, tensor].
    std::vector<std::string> tensor_refs(const json& config, const char* key,
                                         const std::string& model) const {
        const auto r = config.find(key);
        if (r == config.end() || !r->is_array())
            fail(fmt::format("model '{}': {} is missing", model, key));
        std::vector<std::string> names;
        auto add = [&](const json& ref) {
            if (!ref.is_array() || ref.empty() || !ref[0].is_string())
                fail(fmt::format("model '{}': {} entry {} is not [layer, node, tensor]", model, key,
                                 brief_json(ref)));
            names.push_back(ref[0].get<std::string>());
        };
        if (!r->empty() && (*r)[0].is_string()) add(*r);
        else for (const json& ref : *r) add(ref);
        return names;
    }

    // The layers one call of a layer reads from: Keras 2 / tfjs
    // [[name, node, tensor, kwargs], ...]; Keras 3 {"args": [...], "kwargs":
    // {...}} holding {"class_name": "__keras_tensor__", "config":
    // {"keras_history": [name, node, tensor]}} anywhere inside.
    static std::vector<std::string> inbound_names(const json& node) {
        std::vector<std::string> names;
        if (node.is_array()) {
            for (const json& ref : node)
                names.push_back(ref.is_array() && !ref.empty() && ref[0].is_string()
                                    ? ref[0].get<std::string>() : std::string());
        } else {
            keras_tensor_names(node, names, 0);
        }
        return names;
    }

    static void keras_tensor_names(const json& value, std::vector<std::string>& names, int depth) {
        if (depth > 32) return;
        if (has_string_field(value, "class_name", "__keras_tensor__")) {
            const json* h = nullptr;
            if (const auto c = value.find("config"); c != value.end() && c->is_object())
                if (const auto k = c->find("keras_history"); k != c->end()) h = &*k;
            names.push_back(h && h->is_array() && !h->empty() && (*h)[0].is_string()
                                ? (*h)[0].get<std::string>() : std::string());
            return;
        }
        if (value.is_object() || value.is_array())
            for (const json& v : value) keras_tensor_names(v, names, depth + 1);
    }

    // A functional model is a graph. Its layers are taken in the file's order
    // as far as that order lets every layer come after what it reads (Keras
    // and tfjs write them so); otherwise the earliest layer whose inputs are
    // ready goes next.
    TensorRef add_functional(const json& config, const std::string& model, int depth,
                             const std::vector<TensorRef>& from, const std::string& layers_path) {
        if (!config.is_object() || !config.contains("layers") || !config["layers"].is_array())
            fail(fmt::format("model '{}': config has no list of layers", model));
        const json& list = config["layers"];
        std::map<std::string, std::size_t> by_name;
        std::vector<std::string> paths;  // in the list's order, whatever order the layers are added in
        SavingNames saving(layers_path);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json& entry = list[i];
            if (!entry.is_object() || !entry.contains("config"))
                fail(fmt::format("model '{}': a layer must be an object with a config, got {}", model,
                                 brief_json(entry)));
            paths.push_back(saving.next(entry_class(entry)));
            const std::string n = entry_name(entry);
            if (!by_name.emplace(n, i).second)
                fail(fmt::format("model '{}': two layers are named '{}'", model, n));
        }
        auto index_of = [&](const std::string& n, std::string_view whose) {
            const auto it = by_name.find(n);
            if (it == by_name.end())
                fail(fmt::format("model '{}': {} refers to a layer '{}' it does not have", model, whose, n));
            return it->second;
        };
        const auto ins = tensor_refs(config, "input_layers", model);
        const auto outs = tensor_refs(config, "output_layers", model);
        if (outs.size() != 1)
            fail(fmt::format("model '{}' has {} outputs; ganforge runs models with one", model, outs.size()));
        if (depth > 0 && ins.size() != from.size())
            fail(fmt::format("model '{}' takes {} inputs but is called on {}", model, ins.size(), from.size()));
        std::vector<std::optional<TensorRef>> produced(list.size());
        for (std::size_t k = 0; k < ins.size(); ++k) {
            const std::size_t i = index_of(ins[k], "input_layers");
            if (produced[i]) fail(fmt::format("model '{}' lists input '{}' twice", model, ins[k]));
            if (entry_class(list[i]) != "InputLayer")
                fail(fmt::format("model '{}': input '{}' is a {}, not an InputLayer", model, ins[k],
                                 entry_class(list[i])));
            if (depth > 0) {
                produced[i] = from[k];
            } else {
                produced[i] = new_input(ins[k]);
                set_input_from(produced[i]->index, entry_config(list[i], "InputLayer"),
                               fmt::format("InputLayer '{}'", ins[k]));
                if (!inputs[produced[i]->index])
                    fail(fmt::format("model '{}': InputLayer '{}' does not give its shape", model, ins[k]));
                if (k == 0) input_layer = ins[k];
            }
        }
        // Each layer's inbound layers, by index; every layer is called once.
        std::vector<std::vector<std::size_t>> reads(list.size());
        std::vector<std::vector<std::size_t>> readers(list.size());
        std::vector<std::size_t> waiting(list.size(), 0);
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (produced[i]) continue;
            const std::string n = entry_name(list[i]);
            const std::string cls = entry_class(list[i]);
            if (cls == "InputLayer")
                fail(fmt::format("model '{}': InputLayer '{}' is not one of its input_layers", model, n));
            const auto nodes = list[i].find("inbound_nodes");
            if (nodes == list[i].end() || !nodes->is_array() || nodes->size() != 1)
                fail(fmt::format("model '{}': layer '{}' is called {} times; ganforge runs models in "
                                 "which each layer is called once", model, n,
                                 nodes != list[i].end() && nodes->is_array() ? nodes->size() : 0));
            const std::vector<std::string> names = inbound_names((*nodes)[0]);
            if (names.empty()) fail(fmt::format("model '{}': layer '{}' reads no tensor", model, n));
            for (const std::string& from_name : names) {
                const std::size_t j = index_of(from_name, fmt::format("layer '{}'", n));
                reads[i].push_back(j);
                if (!produced[j]) {
                    readers[j].push_back(i);
                    ++waiting[i];
                }
            }
        }
        std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
        for (std::size_t i = 0; i < list.size(); ++i)
            if (!produced[i] && waiting[i] == 0) ready.push(i);
        while (!ready.empty()) {
            const std::size_t i = ready.top();
            ready.pop();
            std::vector<TensorRef> inbound;
            for (std::size_t j : reads[i]) inbound.push_back(*produced[j]);
            const std::string cls = entry_class(list[i]);
            produced[i] = is_model_class(cls)
                              ? add_model(list[i], depth + 1, inbound, paths[i] + "/layers")
                              : add_layer(cls, entry_name(list[i]), entry_config(list[i], cls), inbound, paths[i]);
            for (std::size_t r : readers[i])
                if (--waiting[r] == 0) ready.push(r);
        }
        for (std::size_t i = 0; i < list.size(); ++i)
            if (!produced[i])
                fail(fmt::format("model '{}': its layers form a cycle through '{}'", model,
                                 entry_name(list[i])));
        return *produced[index_of(outs[0], "output_layers")];
    }
};

// A value count computed in floating point, so that absurd extents cannot wrap.
double value_count(std::span<const std::size_t> extents) {
    double n = 1;
    for (std::size_t e : extents) n *= double(e);
    return n;
}

// The graph read, then every layer that is not the output must be read by a
// later one: a model file holds only what leads to its output.
Graph read_graph(const json& model, const std::string& origin, const CustomLayers& custom) {
    Graph graph(origin, custom);
    graph.output = graph.add_model(model, 0, {}, "layers");
    const std::size_t n = graph.layers.size();
    if (n > 0 && graph.output != TensorRef{false, n - 1})
        graph.fail(fmt::format("layer '{}' does not lead to the model's output", graph.layers.back().name));
    std::vector<bool> read(n, false);
    for (const GraphLayer& l : graph.layers)
        for (const TensorRef& r : l.inbound)
            if (!r.model_input) read[r.index] = true;
    for (std::size_t i = 0; i + 1 < n; ++i)
        if (!read[i]) graph.fail(fmt::format("layer '{}' does not lead to the model's output", graph.layers[i].name));
    for (std::size_t k = 0; k < graph.inputs.size(); ++k)
        if (!graph.inputs[k])
            graph.fail(k == 0 ? std::string("the model does not give its input shape (no InputLayer, "
                                            "batch_input_shape or build_input_shape)")
                              : fmt::format("input '{}' does not give its shape", graph.input_names[k]));
    // An activation's layer takes a name no layer of the file has.
    std::set<std::string> names(graph.input_names.begin(), graph.input_names.end());
    for (const GraphLayer& l : graph.layers)
        if (l.activation_of.empty()) names.insert(l.name);
    for (GraphLayer& l : graph.layers) {
        if (l.activation_of.empty()) continue;
        std::string name = l.name;
        for (int k = 1; names.contains(name); ++k) name = fmt::format("{}_{}", l.name, k);
        l.name = *names.insert(name).first;
    }
    return graph;
}

const CustomLayers no_custom_layers;

// The model at fixed input shapes: each layer read from its config, or as
// ReadOptions::custom_layers maps its class.
KerasModel build_model(const Graph& graph, const std::vector<Shape>& inputs, const CustomLayers& custom,
                       const std::string& origin, KerasGeneration generation) {
    KerasModel out;
    std::vector<LayerSpec> layers;
    std::vector<std::string> names;
    std::map<LayerKind, int> seen;
    double weights = 0;
    out.spec = make_model_spec(inputs, {}, {}, origin);
    for (const GraphLayer& g : graph.layers) {
        const std::size_t position = layers.size() + 1;
        const auto mapped = custom.find(g.class_name);
        const std::string context =
            mapped != custom.end()
                ? fmt::format("{}: layer {} '{}' ({})", origin, position, g.name, custom_layer_note(mapped->second))
            : g.activation_of.empty()
                ? fmt::format("{}: layer {} '{}' ({})", origin, position, g.name, g.class_name)
                : fmt::format("{}: layer {} '{}' ({}, the activation of layer '{}')", origin, position, g.name,
                              g.class_name, g.activation_of);
        const KerasConfigFields fields(mapped != custom.end() ? mapped->second.config : *g.config, context, generation);
        const Shape input = out.spec.shape_of(g.inbound[0]);
        LayerSpec l = mapped != custom.end() ? read_custom_layer(mapped->second, context, input)
                                             : keras_layer_spec(g.class_name, fields, input);
        // Checked before its shape is: a convolution's would fail on its own terms.
        auto not_an_activation = [&] {
            throw Error(fmt::format("{}: layer '{}': its activation is a {} object, which ganforge does not read as "
                                    "an activation: that takes an element-wise layer without weights (LeakyReLU, "
                                    "ReLU, Activation, ...)", origin, g.activation_of, g.class_name));
        };
        if (!g.activation_of.empty() && !is_pointwise(l)) not_an_activation();
        if (g.inbound.size() > 1 && !takes_several_inputs(l.kind))
            fields.fail(fmt::format("it reads {} tensors; it takes one", g.inbound.size()));
        std::copy(g.inbound.begin(), g.inbound.end(), l.inbound.begin());
        l.inbound_count = g.inbound.size();
        layers.push_back(l);
        out.saving_paths.push_back(g.saving_path);
        if (mapped != custom.end()) {
            out.layer_notes.resize(graph.layers.size());
            out.layer_notes[layers.size() - 1] = custom_layer_note(mapped->second);
        }
        ++seen[l.kind];
        names.push_back(g.name.empty() ? fmt::format("{}_{}", keras_name_stem(l.kind), seen[l.kind]) : g.name);
        out.spec = make_model_spec(inputs, layers, names, origin);
        // Bounded before the next layer multiplies them (see import_limits.hpp).
        const LayerSpec& added = out.spec.layers.back();
        const Shape& s = added.output_shape;
        if (value_count({s.extents.data(), s.rank()}) > double(limits::max_tensor_values))
            fields.fail(fmt::format("its output has more than {} values", limits::max_tensor_values));
        const LayerTensors tensors = layer_tensors(added);
        if (!g.activation_of.empty() && tensors.count > 0) not_an_activation();
        for (const TensorSpec& t : tensors) {
            const double n = value_count({t.dims.data(), t.rank});
            if (n > double(limits::max_tensor_values))
                fields.fail(fmt::format("its {} has more than {} values", keras_name(t.role),
                                        limits::max_tensor_values));
            weights += n;
        }
        if (weights > double(limits::max_model_weights))
            fields.fail(fmt::format("the model has more than {} weights", limits::max_model_weights));
    }
    return out;
}

// A model whose inputs leave extents unknown, for its summary: read at two
// probe sizes, an extent is unknown where the readings differ. Keras' own
// summary knows it symbolically; the shape rules here are numeric, and an
// extent that follows the input's differs between two sizes that every
// stride divides.
KerasModel build_probed_model(const Graph& graph, const std::vector<DeclaredShape>& declared,
                              const CustomLayers& custom, const std::string& origin, KerasGeneration generation) {
    auto at = [&](std::size_t extent) {
        try {
            return build_model(graph, probe_shapes(declared, extent), custom, origin, generation);
        } catch (const Error& e) {
            throw Error(fmt::format("{} (with its input's unknown extents read as {}; --input-shape reads it at "
                                    "a size of yours)", e.what(), extent));
        }
    };
    // The first pair both of whose readings succeed; else the first pair's fault.
    std::optional<Error> first_fault;
    for (const auto& [small, large] : probe_extents) {
        try {
            KerasModel a = at(small);
            const KerasModel b = at(large);
            if (param_count(a.spec).total() != param_count(b.spec).total())
                throw Error(fmt::format("{}: the model's weights depend on its input's unknown extents; give them "
                                        "with --input-shape (in C++, ReadOptions::input_shapes)", origin));
            a.unknown_extents = differing_extents(a.spec, b.spec);
            return a;
        } catch (const Error& e) {
            if (!first_fault) first_fault = e;
        }
    }
    throw *first_fault;
}

}  // namespace

KerasModel keras_model(const json& model, const std::string& origin, const ReadOptions& options,
                       std::string_view keras_version) {
    const std::string version = model.contains("keras_version") && model["keras_version"].is_string()
                                    ? model["keras_version"].get<std::string>()
                                    : std::string(keras_version);
    const KerasGeneration generation = keras_generation(version);
    const CustomLayers custom = parse_custom_layers(options.custom_layers, origin);
    const Graph graph = read_graph(model, origin, custom);
    std::vector<DeclaredShape> declared;
    for (const auto& s : graph.inputs) declared.push_back(*s);
    declared = with_given_shapes(std::move(declared), options.input_shapes, graph.input_names, origin);
    KerasModel out =
        options.probe_unknown_extents && !std::all_of(declared.begin(), declared.end(), is_known)
            ? build_probed_model(graph, declared, custom, origin, generation)
            : build_model(graph, known_shapes(declared, graph.input_names, origin), custom, origin, generation);
    out.name = graph.model_name;
    out.input_layer = graph.input_layer;
    out.keras_version = version;
    if (!out.input_layer.empty()) out.spec.input_names = graph.input_names;
    return out;
}

std::vector<std::string> keras_layer_order(const json& model, const std::string& origin) {
    std::vector<std::string> names;
    for (const GraphLayer& g : read_graph(model, origin, no_custom_layers).layers) names.push_back(g.name);
    return names;
}

json parse_json_text(std::string_view text, const std::string& origin) {
    if (text.size() > limits::max_json_bytes)
        throw Error(fmt::format("{}: {} bytes of JSON is more than ganforge reads ({})", origin,
                                text.size(), limits::max_json_bytes));
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        // "[json.exception.parse_error.101] parse error at line 1, column 5: ..." -> from "line";
        // out_of_range.406 for a number beyond double. Cut: the text quotes the file's token.
        std::string what = e.what();
        const auto at = what.find("at line");
        if (at != std::string::npos) what = what.substr(at + 3);
        if (what.size() > 200) what = what.substr(0, 200) + "...";
        throw Error(fmt::format("{}: not valid JSON ({})", origin, what));
    }
}

KerasModel parse_model_json(std::string_view text, const std::string& origin, const ReadOptions& options,
                            std::string_view keras_version) {
    const json j = parse_json_text(text, origin);
    if (j.is_object() && j.contains("modelTopology")) {
        const json& topology = j["modelTopology"];
        // tfjs-converter output of a Keras model nests it once more.
        if (topology.is_object() && topology.contains("model_config")) {
            const bool versioned = topology.contains("keras_version") && topology["keras_version"].is_string();
            return keras_model(topology["model_config"], origin, options,
                               versioned ? topology["keras_version"].get_ref<const std::string&>() : keras_version);
        }
        return keras_model(topology, origin, options, keras_version);
    }
    return keras_model(j, origin, options, keras_version);
}

}  // namespace ganforge
