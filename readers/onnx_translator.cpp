#include "readers/onnx_translator.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/chain_error_message.hpp>
#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_inference.hpp>
#include "runtime/import_limits.hpp"

namespace ganforge {
namespace {

// The opsets whose operators are read here as ONNX defines them.
constexpr long long first_opset = 7, last_opset = 22;
// More nodes than any generator needs; a file with more is refused.
constexpr int max_nodes = 1 << 16;

}  // namespace

std::size_t count_of(const Dims& d) {
    std::size_t n = 1;
    for (const long long x : d) n *= std::size_t(x);
    return n;
}

Shape ganforge_shape(const Dims& d) {
    if (d.size() == 3) return Shape{std::size_t(d[1]), std::size_t(d[2]), std::size_t(d[0])};
    return Shape{count_of(d)};
}

Dims Value::full_dims() const {
    if (constant) return constant->dims;
    Dims full{onnx_batch_dim};
    full.insert(full.end(), dims.begin(), dims.end());
    return full;
}

Translator::Translator(const onnx::ModelProto& model, std::string origin, const OnnxOperators& operators)
    : model_(model), origin_(std::move(origin)), operators_(operators) {}

ModelWithWeights Translator::run() {
    read_opset();
    const onnx::GraphProto& g = model_.graph();
    if (g.node_size() > max_nodes) fail(fmt::format("{} nodes is more than {}", g.node_size(), max_nodes));
    std::size_t weight_values = 0;
    for (const onnx::TensorProto& t : g.initializer()) {
        Value v;
        v.constant = read_onnx_tensor(t, fmt::format("{}: initializer '{}'", origin_, t.name()));
        weight_values += v.constant->size();
        if (weight_values > import_limits::max_model_weights)
            fail(fmt::format("its initializers hold more than {} values", import_limits::max_model_weights));
        values_[t.name()] = std::move(v);
    }
    for (const onnx::ValueInfoProto& in : g.input())
        if (!values_.contains(in.name())) read_input(in);
    if (inputs_.empty()) fail("the graph has no input that is not an initializer");
    for (const onnx::NodeProto& n : g.node())
        if (n.op_type() != "Shape")  // it reads dims only, which a reordering keeps
            for (const std::string& name : n.input()) ++readers_[name];
    for (const onnx::ValueInfoProto& out : g.output()) ++readers_[out.name()];
    for (int i = 0; i < g.node_size(); ++i) node(g.node(i), i);
    if (g.output_size() != 1)
        fail(fmt::format("the graph has {} outputs; ganforge's models have one", g.output_size()));
    const std::string& out = g.output(0).name();
    const auto it = values_.find(out);
    if (it == values_.end()) fail(fmt::format("no node computes the graph's output '{}'", out));
    if (it->second.constant) fail(fmt::format("the graph's output '{}' is a constant", out));
    return finish(it->second);
}

void Translator::fail(const std::string& problem) const { throw Error(fmt::format("{}: {}", origin_, problem)); }

void Translator::read_opset() {
    for (const onnx::OperatorSetIdProto& o : model_.opset_import())
        if (o.domain().empty() || o.domain() == "ai.onnx") opset_ = o.version();
    if (opset_ < first_opset || opset_ > last_opset)
        fail(fmt::format("opset {} of the ONNX operators is not supported ({} to {})", opset_, first_opset,
                         last_opset));
}

void Translator::read_input(const onnx::ValueInfoProto& in) {
    const std::string context = fmt::format("{}: input '{}'", origin_, in.name());
    if (!in.type().has_tensor_type() || in.type().tensor_type().elem_type() != onnx::TensorProto::FLOAT)
        throw Error(context + ": only float32 tensors are supported as inputs");
    const onnx::TensorShapeProto& shape = in.type().tensor_type().shape();
    if (shape.dim_size() != 2 && shape.dim_size() != 4)
        throw Error(fmt::format("{}: {} dimensions; ganforge reads [N, features] and [N, C, H, W]", context,
                                shape.dim_size()));
    if (shape.dim(0).has_dim_value()) {
        if (shape.dim(0).dim_value() < 1) throw Error(context + ": its batch dimension is not positive");
        fixed_batch_ = shape.dim(0).dim_value();
    }
    Value v;
    for (int i = 1; i < shape.dim_size(); ++i) {
        const long long d = shape.dim(i).has_dim_value() ? shape.dim(i).dim_value() : 0;
        if (d < 1 || d > import_limits::max_extent)
            throw Error(fmt::format("{}: dimension {} must be a fixed size from 1 to {}", context, i,
                                    import_limits::max_extent));
        v.dims.push_back(d);
    }
    if (count_of(v.dims) > import_limits::max_tensor_values) throw Error(context + ": too many values");
    v.ref = TensorRef{true, inputs_.size()};
    inputs_.push_back(ganforge_shape(v.dims));
    input_names_.push_back(in.name());
    values_[in.name()] = std::move(v);
}

void Translator::node(const onnx::NodeProto& n, int index) {
    // torch.onnx.export names nodes by module path, "/main/main.0/ConvTranspose"; the layer drops the
    // leading slash.
    const std::string_view given = std::string_view(n.name()).substr(n.name().starts_with('/') ? 1 : 0);
    const std::string name = given.empty() ? fmt::format("{}_{}", n.op_type(), index) : std::string(given);
    OnnxNode node{n, OnnxAttributes(n, fmt::format("{}: node '{}' ({})", origin_, name, n.op_type())), name};
    if (!n.domain().empty() && n.domain() != "ai.onnx")
        node.attributes.fail(fmt::format("operators of domain '{}' are not supported", n.domain()));
    if (n.output_size() < 1) node.attributes.fail("it has no output");
    const auto translation = operators_.find(n.op_type());
    if (translation == operators_.end()) node.attributes.fail("this operator is not supported");
    translation->second(*this, node);
    node.attributes.check_all_read();
    for (int j = 1; j < n.output_size(); ++j)
        if (!n.output(j).empty() && readers_[n.output(j)] > 0)
            node.attributes.fail(fmt::format("its output {} ('{}') is read, which ganforge does not compute", j,
                                             n.output(j)));
}

bool Translator::has_input(const OnnxNode& n, int j) const {
    return j < n.proto.input_size() && !n.proto.input(j).empty();
}

const Value& Translator::input(const OnnxNode& n, int j) const {
    if (!has_input(n, j)) n.attributes.fail(fmt::format("input {} is missing", j));
    const auto it = values_.find(n.proto.input(j));
    if (it == values_.end())
        n.attributes.fail(fmt::format("input {} ('{}') is computed by no earlier node, graph input or initializer", j,
                                      n.proto.input(j)));
    return it->second;
}

const OnnxConstant& Translator::constant_input(const OnnxNode& n, int j, std::string_view what) const {
    const Value& v = input(n, j);
    if (!v.constant) n.attributes.fail(fmt::format("its {} (input {}) must be a constant", what, j));
    return *v.constant;
}

const OnnxConstant& Translator::float_constant(const OnnxNode& n, int j, std::string_view what,
                                               std::size_t count) const {
    const OnnxConstant& c = constant_input(n, j, what);
    if (c.is_int || c.size() != count)
        n.attributes.fail(fmt::format("its {} holds {} {} values where {} floats are needed", what, c.size(),
                                      c.is_int ? "integer" : "float", count));
    return c;
}

const Value& Translator::tensor_input(const OnnxNode& n, int j) const {
    const Value& v = input(n, j);
    if (v.constant)
        n.attributes.fail(
            fmt::format("input {} ('{}') is a constant where ganforge computes a tensor", j, n.proto.input(j)));
    return v;
}

const Value& Translator::image_input(const OnnxNode& n, int j) const {
    const Value& v = tensor_input(n, j);
    if (v.dims.size() != 3)
        n.attributes.fail(
            fmt::format("input {} has dimensions [N, {}], not an image [N, C, H, W]", j, fmt::join(v.dims, ", ")));
    return v;
}

bool Translator::sole_reader(const OnnxNode& n, int j) const {
    const auto it = readers_.find(n.proto.input(j));
    return it != readers_.end() && it->second == 1;
}

std::vector<std::size_t> Translator::inherited(const OnnxNode& n, const Value& v, int j) const {
    return sole_reader(n, j) ? v.feature_layers : std::vector<std::size_t>{};
}

void Translator::set_output(const OnnxNode& n, Value v) { values_[n.proto.output(0)] = std::move(v); }

void Translator::alias(const OnnxNode& n, int j) {
    Value v = input(n, j);
    if (!v.constant) v.feature_layers = inherited(n, v);
    set_output(n, std::move(v));
}

std::size_t Translator::add_layer(const OnnxNode& n, LayerSpec l, const std::vector<TensorRef>& inbound,
                                  std::string name, std::vector<std::vector<float>> weights) {
    if (layers_.size() >= import_limits::max_layers)
        n.attributes.fail(fmt::format("the model has more than {} layers", import_limits::max_layers));
    l.inbound_count = inbound.size();
    std::copy(inbound.begin(), inbound.end(), l.inbound.begin());
    layers_.push_back(l);
    while (std::find(names_.begin(), names_.end(), name) != names_.end()) name += "_";
    names_.push_back(std::move(name));
    weights_.push_back(std::move(weights));
    if (const ChainError e = infer_shapes(inputs_, layers_)) {
        const ModelSpec partial{inputs_, layers_, names_, {}};
        n.attributes.fail(chain_error_message(e, partial));
    }
    return layers_.size() - 1;
}

Value Translator::layer_value(std::size_t layer, Dims dims, std::vector<std::size_t> feature_layers) const {
    Value v;
    v.ref = TensorRef{false, layer};
    v.dims = std::move(dims);
    v.feature_layers = std::move(feature_layers);
    return v;
}

Value Translator::image_value(std::size_t layer) const {
    const Shape& s = layers_[layer].output_shape;
    return layer_value(layer, {(long long)s[2], (long long)s[0], (long long)s[1]});
}

ModelWithWeights Translator::finish(const Value& out) {
    std::vector<bool> needed(layers_.size(), false);
    if (!out.ref.model_input) needed[out.ref.index] = true;
    for (std::size_t i = layers_.size(); i-- > 0;)
        if (needed[i])
            for (std::size_t j = 0; j < layers_[i].inbound_count; ++j)
                if (!layers_[i].inbound[j].model_input) needed[layers_[i].inbound[j].index] = true;
    if (out.ref.model_input && inputs_.size() == 1) needed.assign(layers_.size(), false);
    else if (out.ref.model_input) fail("the graph's output is one of its inputs");
    std::vector<std::size_t> index(layers_.size());
    std::vector<LayerSpec> layers;
    std::vector<std::string> names;
    std::vector<std::vector<float>> weights;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (!needed[i]) continue;
        index[i] = layers.size();
        LayerSpec l = layers_[i];
        for (std::size_t j = 0; j < l.inbound_count; ++j)
            if (!l.inbound[j].model_input) l.inbound[j].index = index[l.inbound[j].index];
        layers.push_back(l);
        names.push_back(names_[i]);
        for (std::vector<float>& t : weights_[i]) weights.push_back(std::move(t));
    }
    KerasModel model;
    model.name = model_.graph().name();
    model.layout = TensorLayout::nchw;
    model.spec = make_model_spec(inputs_, std::move(layers), std::move(names), origin_);
    model.spec.input_names = input_names_;
    for (std::size_t k = 0; k < inputs_.size(); ++k) {
        bool read = false;
        for (const LayerSpec& l : model.spec.layers)
            for (std::size_t j = 0; j < l.inbound_count; ++j) read = read || l.inbound[j] == TensorRef{true, k};
        if (!read && !model.spec.layers.empty())
            fail(fmt::format("the output does not depend on input '{}'", input_names_[k]));
    }
    WeightStore store(model.spec);
    store.set_weights(weights);
    return ModelWithWeights{std::move(model), std::move(store)};
}

}  // namespace ganforge
