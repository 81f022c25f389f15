#include "readers/onnx_translator.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/chain_error_message.hpp>
#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_format.hpp>
#include <ganforge/core/shape_inference.hpp>
#include "runtime/import_limits.hpp"

namespace ganforge {
namespace {

// The opsets whose operators are read here as ONNX defines them.
constexpr long long first_opset = 7, last_opset = 22;
// More nodes than any generator needs; a file with more is refused.
constexpr int max_nodes = 1 << 16;

bool is_integer_type(int elem_type) {
    return elem_type == onnx::TensorProto::INT64 || elem_type == onnx::TensorProto::INT32;
}

// What ONNX dim i of an input of `rank` dims is, for errors.
std::string_view dim_name(int rank, int i, bool labels) {
    if (rank == 4) return std::array<std::string_view, 4>{"N", "C", "H", "W"}[std::size_t(i)];
    return labels ? "labels per sample" : "features";
}

// The ONNX dims of one sample that a channels-last Shape given for an input
// of `rank` dims stands for: {H, W, C} is [C, H, W], {F} is [F], and a
// label per sample ([N]) is {1}.
std::optional<Dims> onnx_dims(const Shape& given, int rank) {
    if (rank == 4 && given.rank() == 3) return Dims{(long long)given[2], (long long)given[0], (long long)given[1]};
    if (rank == 2 && given.rank() == 1) return Dims{(long long)given[0]};
    if (rank == 1 && given == Shape{1}) return Dims{};
    return std::nullopt;
}

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

Translator::Translator(const onnx::ModelProto& model, std::string origin, const OnnxOperators& operators,
                       const ReadOptions& options)
    : model_(model), origin_(std::move(origin)), operators_(operators), options_(options) {}

ModelWithWeights Translator::run() {
    read_opset();
    const onnx::GraphProto& g = model_.graph();
    if (g.node_size() > max_nodes) fail(fmt::format("{} nodes is more than {}", g.node_size(), max_nodes));
    std::size_t weight_values = 0;
    for (const onnx::TensorProto& t : g.initializer()) {
        Value v;
        v.constant = std::make_shared<const OnnxConstant>(
            read_onnx_tensor(t, fmt::format("{}: initializer '{}'", origin_, t.name())));
        weight_values += v.constant->size();
        if (weight_values > import_limits::max_model_weights)
            fail(fmt::format("its initializers hold more than {} values", import_limits::max_model_weights));
        values_[t.name()] = std::move(v);
    }
    std::vector<const onnx::ValueInfoProto*> inputs;
    for (const onnx::ValueInfoProto& in : g.input())
        if (!values_.contains(in.name())) inputs.push_back(&in);
    const std::vector<Shape>& given = options_.input_shapes;
    if (!given.empty() && given.size() != inputs.size())
        fail(fmt::format("{} input shapes are given for its {} inputs", given.size(), inputs.size()));
    for (std::size_t k = 0; k < inputs.size(); ++k) read_input(*inputs[k], given.empty() ? nullptr : &given[k]);
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
    if (const PatternStep* step = it->second.step)
        fail(fmt::format("the graph's output '{}' is a step of {}, which ganforge reads only whole", out,
                         step->pattern));
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

void Translator::read_input(const onnx::ValueInfoProto& in, const Shape* given) {
    const std::string context = fmt::format("{}: input '{}'", origin_, in.name());
    if (!in.type().has_tensor_type()) throw Error(context + ": it is not a tensor");
    const int type = in.type().tensor_type().elem_type();
    Value v;
    v.labels = is_integer_type(type);
    if (type != onnx::TensorProto::FLOAT && !v.labels)
        throw Error(fmt::format("{}: data type {} is not supported (float32, or int64 / int32 labels)", context,
                                onnx::TensorProto::DataType_Name(onnx::TensorProto::DataType(type))));
    if (v.labels) check_label_readers(in.name());
    const onnx::TensorShapeProto& shape = in.type().tensor_type().shape();
    const int rank = shape.dim_size();
    if (v.labels ? rank != 1 && rank != 2 : rank != 2 && rank != 4)
        throw Error(fmt::format("{}: {} dimensions; ganforge reads {}", context, rank,
                                v.labels ? "labels as [N] and [N, labels]" : "[N, features] and [N, C, H, W]"));
    if (shape.dim(0).has_dim_value()) {
        if (shape.dim(0).dim_value() < 1) throw Error(context + ": its batch dimension is not positive");
        fixed_batch_ = shape.dim(0).dim_value();
    }
    const std::optional<Dims> wanted = given ? onnx_dims(*given, rank) : std::nullopt;
    if (given && !wanted)
        throw Error(fmt::format("{}: the input shape given for it, {}, is not {}", context, *given,
                                rank == 4 ? "an image H, W, C" : rank == 2 ? "one extent" : "(1): one label"));
    for (int i = 1; i < rank; ++i) {
        const onnx::TensorShapeProto::Dimension& dim = shape.dim(i);
        const std::string_view name = dim_name(rank, i, v.labels);
        long long d = 0;
        if (dim.has_dim_value()) {
            d = dim.dim_value();
            if (wanted && (*wanted)[std::size_t(i - 1)] != d)
                throw Error(fmt::format("{}: its dimension {} ({}) is {} in the file; the input shape given for it, "
                                        "{}, says {}",
                                        context, i, name, d, *given, (*wanted)[std::size_t(i - 1)]));
        } else if (wanted) {
            d = (*wanted)[std::size_t(i - 1)];
        } else {
            throw Error(fmt::format("{}: its dimension {} ({}) is symbolic{}; give the input's shape (--input-shape "
                                    "{})",
                                    context, i, name,
                                    dim.dim_param().empty() ? "" : fmt::format(" ('{}')", dim.dim_param()),
                                    rank == 4 ? "H,W,C" : "F"));
        }
        if (d < 1 || d > import_limits::max_extent)
            throw Error(fmt::format("{}: its dimension {} ({}) is {}, not from 1 to {}", context, i, name, d,
                                    import_limits::max_extent));
        v.dims.push_back(d);
    }
    if (count_of(v.dims) > import_limits::max_tensor_values) throw Error(context + ": too many values");
    v.ref = TensorRef{true, inputs_.size()};
    inputs_.push_back(ganforge_shape(v.dims));
    input_names_.push_back(in.name());
    values_[in.name()] = std::move(v);
}

void Translator::check_label_readers(const std::string& input) const {
    for (const onnx::NodeProto& n : model_.graph().node())
        for (int j = 0; j < n.input_size(); ++j)
            if (n.input(j) == input && !(n.op_type() == "Gather" && j == 1) && n.op_type() != "Shape")
                fail(fmt::format("input '{}' holds integers, which ganforge reads only as the labels of an Embedding "
                                 "(the indices of a Gather from a constant table); node '{}' ({}) reads it as its "
                                 "input {}",
                                 input, n.name(), n.op_type(), j));
    for (const onnx::ValueInfoProto& out : model_.graph().output())
        if (out.name() == input) fail(fmt::format("the graph's output is its integer input '{}'", input));
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
    const auto row = operators_.find(n.op_type());
    if (row == operators_.end()) node.attributes.fail("this operator is not supported");
    const OnnxOperator& op = row->second;
    for (int j = 0; j < n.input_size(); ++j) {
        const auto it = values_.find(n.input(j));
        if (it == values_.end() || !it->second.step || it->second.step->next == n.op_type()) continue;
        node.attributes.fail(fmt::format("its input {} ('{}') is a step of {}, which ganforge reads only whole: only "
                                         "a {} may read it",
                                         j, n.input(j), it->second.step->pattern, it->second.step->next));
    }
    std::optional<int> tensor;  // the first input that is not a constant
    for (int j = 0; j < n.input_size() && !tensor; ++j)
        if (has_input(node, j) && !input(node, j).constant) tensor = j;
    if (op.evaluate && !tensor) {
        Value v;
        v.constant = std::make_shared<const OnnxConstant>(op.evaluate(*this, node));
        set_output(node, std::move(v));
    } else if (op.translate) {
        op.translate(*this, node);
    } else {
        node.attributes.fail(fmt::format("its input {} ('{}') is computed from the graph's inputs; ganforge computes "
                                         "{} only on constants, once, when it reads the file",
                                         *tensor, n.input(*tensor), n.op_type()));
    }
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
    if (!v.constant)
        n.attributes.fail(fmt::format("its {} (input {}, '{}') must be a constant, but it is computed from the graph's "
                                      "inputs",
                                      what, j, n.proto.input(j)));
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

const std::vector<long long>& Translator::integers(const OnnxNode& n, int j, std::string_view what) const {
    const OnnxConstant& c = constant_input(n, j, what);
    if (!c.is_int || c.dims.size() > 1)
        n.attributes.fail(fmt::format("its {} (input {}) must be a 0-D or 1-D integer constant, not {} [{}]", what, j,
                                      c.is_int ? "integers" : "floats", fmt::join(c.dims, ", ")));
    if (std::find(c.ints.begin(), c.ints.end(), onnx_batch_dim) != c.ints.end())
        n.attributes.fail(fmt::format("its {} (input {}) holds the batch size, which the graph leaves symbolic", what,
                                      j));
    return c.ints;
}

OnnxConstant Translator::new_constant(const OnnxNode& n, const Dims& dims, bool is_int) {
    if (dims.size() > max_constant_rank)
        n.attributes.fail(fmt::format("its output would have {} dimensions, more than {}", dims.size(),
                                      max_constant_rank));
    const std::size_t room = import_limits::max_computed_constant_values - computed_values_;
    std::size_t count = 1;
    for (const long long d : dims) {
        if (d < 0 || d > import_limits::max_extent)
            n.attributes.fail(fmt::format("its output would have dimension {}, not from 0 to {}", d,
                                          import_limits::max_extent));
        count *= std::size_t(d);
        if (count > room)
            n.attributes.fail(fmt::format("its output [{}] would bring the values of the constants the graph "
                                          "computes past {} (they are shapes, pads and small tables)",
                                          fmt::join(dims, ", "), import_limits::max_computed_constant_values));
    }
    computed_values_ += count;
    OnnxConstant c;
    c.dims = dims;
    c.is_int = is_int;
    if (is_int) c.ints.assign(count, 0);
    else c.floats.assign(count, 0.0f);
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

const onnx::NodeProto* Translator::producer(const OnnxNode& n, int j) const {
    for (const onnx::NodeProto& m : model_.graph().node())
        if (m.output_size() > 0 && m.output(0) == n.proto.input(j)) return &m;
    return nullptr;
}

const onnx::NodeProto* Translator::sole_consumer(const OnnxNode& n) const {
    const std::string& out = n.proto.output(0);
    const auto it = readers_.find(out);
    if (it == readers_.end() || it->second != 1) return nullptr;
    for (const onnx::NodeProto& m : model_.graph().node())
        if (m.op_type() != "Shape" && std::find(m.input().begin(), m.input().end(), out) != m.input().end())
            return &m;
    return nullptr;  // the graph's output reads it
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
