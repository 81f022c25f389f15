#include <ganforge/runtime/keras_model_config.hpp>

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/shape_inference.hpp>
#include <ganforge/core/error.hpp>
#include <ganforge/runtime/import_limits.hpp>
#include <ganforge/runtime/keras_config_fields.hpp>
#include <ganforge/runtime/keras_layer_config.hpp>

namespace ganforge {
namespace {

namespace limits = import_limits;
using json = nlohmann::json;

struct ChainLayer {
    std::string class_name;
    std::string name;
    const json* config;
};

// A model flattened into the chain of its layers, nested models expanded.
class Chain {
public:
    explicit Chain(std::string origin) : origin_(std::move(origin)) {}

    std::string model_name;
    std::string input_layer;  // the top-level functional model's InputLayer
    std::optional<Shape> input;
    std::vector<ChainLayer> layers;

    [[noreturn]] void fail(std::string_view problem) const {
        throw Error(fmt::format("{}: {}", origin_, problem));
    }

    void add_model(const json& model, int depth) {
        if (depth > limits::max_model_depth)
            fail(fmt::format("models are nested more than {} deep", limits::max_model_depth));
        if (!model.is_object() || !model.contains("class_name") || !model["class_name"].is_string())
            fail(fmt::format("a model must be an object with a class_name, got {}", brief_json(model)));
        const auto cls = model["class_name"].get<std::string>();
        const auto c = model.find("config");
        if (c == model.end()) fail(fmt::format("model class {} has no config", cls));
        std::string name = c->is_object() && c->contains("name") && (*c)["name"].is_string()
                               ? (*c)["name"].get<std::string>() : std::string();
        if (depth == 0) {
            model_name = name;
            top_functional_ = cls == "Functional" || cls == "Model";
        }
        if (cls == "Sequential") add_sequential(*c, name);
        else if (cls == "Functional" || cls == "Model") add_functional(*c, name, depth);
        else fail(fmt::format("model class '{}' is not supported (Sequential, or a functional Model "
                              "whose layers form one chain)", cls));
        // Keras 3 keeps the shape a model was built for beside its config.
        if (const auto b = model.find("build_config"); !input && b != model.end() && b->is_object())
            if (const auto s = b->find("input_shape"); s != b->end() && !s->is_null())
                set_input(*s, true, fmt::format("model '{}' build_config", name));
    }

private:
    std::string origin_;
    bool top_functional_ = false;

    // One entry of a model's `layers` list.
    void add_entry(const json& entry, int depth) {
        if (!entry.is_object() || !entry.contains("class_name") || !entry["class_name"].is_string())
            fail(fmt::format("layer {}: a layer must be an object with a class_name, got {}",
                             layers.size() + 1, brief_json(entry)));
        const auto cls = entry["class_name"].get<std::string>();
        const auto c = entry.find("config");
        if (c == entry.end() || !c->is_object())
            fail(fmt::format("layer {} ({}): config must be an object", layers.size() + 1, cls));
        if (cls == "Sequential" || cls == "Functional" || cls == "Model") return add_model(entry, depth + 1);
        const std::string name = entry_name(entry);
        if (cls == "InputLayer") {
            // A nested model's own InputLayer repeats what the chain already has.
            if (!input && layers.empty()) set_input_from(*c, fmt::format("InputLayer '{}'", name));
            if (depth == 0 && top_functional_ && input_layer.empty()) input_layer = name;
            return;
        }
        if (!input && layers.empty()) {
            set_input_from(*c, fmt::format("layer 1 '{}' ({})", name, cls));
            // Keras 3 keeps the shape a layer was built for beside its config.
            const auto b = entry.find("build_config");
            if (!input && b != entry.end() && b->is_object() && b->contains("input_shape"))
                set_input((*b)["input_shape"], true, fmt::format("layer 1 '{}' build_config", name));
        }
        if (layers.size() >= limits::max_layers)
            fail(fmt::format("the model has more than {} layers", limits::max_layers));
        layers.push_back({cls, name, &*c});
    }

    static std::string entry_name(const json& entry) {
        if (const auto n = entry.find("name"); n != entry.end() && n->is_string()) return *n;
        if (const auto c = entry.find("config"); c != entry.end() && c->is_object())
            if (const auto n = c->find("name"); n != c->end() && n->is_string()) return *n;
        return {};
    }

    void set_input_from(const json& config, const std::string& where) {
        for (const char* key : {"batch_input_shape", "batch_shape"})
            if (const auto s = config.find(key); s != config.end() && !s->is_null())
                return set_input(*s, true, fmt::format("{} {}", where, key));
        if (const auto s = config.find("input_shape"); s != config.end() && !s->is_null())
            set_input(*s, false, fmt::format("{} input_shape", where));
    }

    // A shape as Keras writes it: [null, 100] or [null, 28, 28, 1] with the
    // batch axis (null or a fixed batch size), or without it.
    void set_input(const json& shape, bool with_batch, const std::string& where) {
        if (!shape.is_array() || shape.size() < (with_batch ? 2u : 1u))
            fail(fmt::format("{} {} is not a shape", where, brief_json(shape)));
        std::vector<std::size_t> extents;
        for (std::size_t i = with_batch ? 1 : 0; i < shape.size(); ++i) {
            const json& e = shape[i];
            if (e.is_null())
                fail(fmt::format("{} {} has an unknown extent (None); ganforge needs a fixed input shape",
                                 where, brief_json(shape)));
            if (!e.is_number_unsigned() || e.get<std::uint64_t>() < 1 ||
                e.get<std::uint64_t>() > std::uint64_t(limits::max_extent))
                fail(fmt::format("{} {}: every extent must be an integer in [1, {}]", where,
                                 brief_json(shape), limits::max_extent));
            extents.push_back(e.get<std::size_t>());
        }
        if (extents.size() == 1) input = Shape{extents[0]};
        else if (extents.size() == 3) input = Shape{extents[0], extents[1], extents[2]};
        else fail(fmt::format("{} {} has {} extents; ganforge inputs are a vector (n) or an image "
                              "(height, width, channels)", where, brief_json(shape), extents.size()));
    }

    void add_sequential(const json& config, const std::string& name) {
        // Keras <= 2.1 wrote the layer list as the whole config.
        const json* list = config.is_array() ? &config : nullptr;
        if (config.is_object() && config.contains("layers")) list = &config["layers"];
        if (!list || !list->is_array())
            fail(fmt::format("Sequential '{}': config has no list of layers", name));
        const std::size_t before = layers.size();
        for (const json& entry : *list) add_entry(entry, 0);
        if (!input && layers.size() > before && config.is_object())
            if (const auto b = config.find("build_input_shape"); b != config.end() && !b->is_null())
                set_input(*b, true, fmt::format("Sequential '{}' build_input_shape", name));
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

    void add_functional(const json& config, const std::string& model, int depth) {
        if (!config.is_object() || !config.contains("layers") || !config["layers"].is_array())
            fail(fmt::format("model '{}': config has no list of layers", model));
        const json& list = config["layers"];
        std::map<std::string, const json*> by_name;
        for (const json& entry : list) {
            if (!entry.is_object() || !entry.contains("config"))
                fail(fmt::format("model '{}': a layer must be an object with a config, got {}", model,
                                 brief_json(entry)));
            const std::string n = entry_name(entry);
            if (!by_name.emplace(n, &entry).second)
                fail(fmt::format("model '{}': two layers are named '{}'", model, n));
        }
        const auto ins = tensor_refs(config, "input_layers", model);
        const auto outs = tensor_refs(config, "output_layers", model);
        if (ins.size() != 1 || outs.size() != 1)
            fail(fmt::format("model '{}' has {} inputs and {} outputs; ganforge runs a chain with one of each",
                             model, ins.size(), outs.size()));
        auto layer = [&](const std::string& n) {
            const auto it = by_name.find(n);
            if (it == by_name.end())
                fail(fmt::format("model '{}' refers to a layer '{}' it does not have", model, n));
            return it->second;
        };
        // Walk back from the output: each layer must be called once, on one tensor.
        std::vector<const json*> reversed;
        for (std::string at = outs[0]; at != ins[0];) {
            const json* entry = layer(at);
            if (reversed.size() >= list.size())
                fail(fmt::format("model '{}': its layers form a cycle", model));
            const auto nodes = entry->find("inbound_nodes");
            if (nodes == entry->end() || !nodes->is_array() || nodes->size() != 1)
                fail(fmt::format("model '{}': layer '{}' is called {} times; ganforge runs a chain in "
                                 "which each layer is called once", model, at,
                                 nodes != entry->end() && nodes->is_array() ? nodes->size() : 0));
            const std::vector<std::string> from = inbound_names((*nodes)[0]);
            if (from.size() != 1)
                fail(fmt::format("model '{}': layer '{}' takes {} inputs; ganforge runs a chain of "
                                 "single-input layers", model, at, from.size()));
            reversed.push_back(entry);
            at = from[0];
        }
        if (reversed.size() + 1 != list.size())
            for (const json& entry : list) {
                const std::string n = entry_name(entry);
                const bool on_chain = n == ins[0] || std::find(reversed.begin(), reversed.end(), &entry) != reversed.end();
                if (!on_chain)
                    fail(fmt::format("model '{}': layer '{}' is not on the chain from '{}' to '{}'; "
                                     "ganforge runs models whose layers form one chain",
                                     model, n, ins[0], outs[0]));
            }
        add_entry(*layer(ins[0]), depth);
        for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) add_entry(**it, depth);
    }
};

Chain flatten(const json& model, const std::string& origin) {
    Chain chain(origin);
    chain.add_model(model, 0);
    return chain;
}

// A value count computed in floating point, so that absurd extents cannot wrap.
double value_count(std::span<const std::size_t> extents) {
    double n = 1;
    for (std::size_t e : extents) n *= double(e);
    return n;
}

}  // namespace

KerasModel keras_model(const json& model, const std::string& origin) {
    Chain chain = flatten(model, origin);
    if (!chain.input)
        chain.fail("the model does not give its input shape (no InputLayer, batch_input_shape or "
                   "build_input_shape)");
    KerasModel out;
    out.name = chain.model_name;
    out.input_layer = chain.input_layer;
    if (model.contains("keras_version") && model["keras_version"].is_string())
        out.keras_version = model["keras_version"].get<std::string>();
    std::vector<LayerSpec> layers;
    std::vector<std::string> names;
    std::map<LayerKind, int> seen;
    double weights = 0;
    out.spec = make_model_spec(*chain.input, {}, {}, origin);
    for (const ChainLayer& c : chain.layers) {
        const std::size_t position = layers.size() + 1;
        const KerasConfigFields fields(
            *c.config, fmt::format("{}: layer {} '{}' ({})", origin, position, c.name, c.class_name));
        layers.push_back(keras_layer_spec(c.class_name, fields, out.spec.output_shape()));
        const LayerKind kind = layers.back().kind;
        ++seen[kind];
        names.push_back(c.name.empty() ? fmt::format("{}_{}", keras_name_stem(kind), seen[kind]) : c.name);
        // Check sizes before make_model_spec multiplies them (see import_limits.hpp).
        LayerSpec probe = layers.back();
        if (const ChainError e = infer_shapes(out.spec.output_shape(), std::span(&probe, 1)); !e) {
            const Shape& s = probe.output_shape;
            if (value_count({s.extents.data(), s.rank()}) > double(limits::max_tensor_values))
                fields.fail(fmt::format("its output has more than {} values", limits::max_tensor_values));
            for (const TensorSpec& t : layer_tensors(probe)) {
                const double n = value_count({t.dims.data(), t.rank});
                if (n > double(limits::max_tensor_values))
                    fields.fail(fmt::format("its {} has more than {} values", keras_name(t.role),
                                            limits::max_tensor_values));
                weights += n;
            }
            if (weights > double(limits::max_model_weights))
                fields.fail(fmt::format("the model has more than {} weights", limits::max_model_weights));
        }
        out.spec = make_model_spec(*chain.input, layers, names, origin);
    }
    return out;
}

std::vector<std::string> keras_layer_order(const json& model, const std::string& origin) {
    std::vector<std::string> names;
    for (const ChainLayer& c : flatten(model, origin).layers) names.push_back(c.name);
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

KerasModel parse_model_json(std::string_view text, const std::string& origin) {
    const json j = parse_json_text(text, origin);
    if (j.is_object() && j.contains("modelTopology")) {
        const json& topology = j["modelTopology"];
        // tfjs-converter output of a Keras model nests it once more.
        if (topology.is_object() && topology.contains("model_config")) {
            KerasModel m = keras_model(topology["model_config"], origin);
            if (topology.contains("keras_version") && topology["keras_version"].is_string())
                m.keras_version = topology["keras_version"];
            return m;
        }
        return keras_model(topology, origin);
    }
    return keras_model(j, origin);
}

}  // namespace ganforge
