#include "readers/onnx_model.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/chain_error_message.hpp>
#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_inference.hpp>
#include "runtime/import_limits.hpp"
#include "readers/onnx_attributes.hpp"
#include "readers/onnx_constant.hpp"
#include "readers/onnx_convolution.hpp"

namespace ganforge {
namespace {

// The opsets whose operators are read here as ONNX defines them.
constexpr long long first_opset = 7, last_opset = 22;
// More nodes than any generator needs; a file with more is refused.
constexpr int max_nodes = 1 << 16;

// ONNX dims of one sample: the batch axis dropped.
using Dims = std::vector<long long>;

std::size_t count_of(const Dims& d) {
    std::size_t n = 1;
    for (const long long x : d) n *= std::size_t(x);
    return n;
}

// ganforge's shape of a sample with ONNX dims `d`: [C, H, W] is the image
// {H, W, C}; any other rank is held flat, in ONNX's order.
Shape ganforge_shape(const Dims& d) {
    if (d.size() == 3) return Shape{std::size_t(d[1]), std::size_t(d[2]), std::size_t(d[0])};
    return Shape{count_of(d)};
}

// Whether ganforge holds the values in ONNX's order: flat, or an image of one
// channel or one pixel.
bool same_order(const Dims& d) { return d.size() != 3 || d[0] == 1 || d[1] * d[2] == 1; }

// What an ONNX name stands for: a constant, or a tensor the model computes
// (a model input or a layer's output) with its ONNX dims.
struct Value {
    std::optional<OnnxConstant> constant;
    TensorRef ref;
    Dims dims;
    // A flat tensor whose features a Reshape into an image may still reorder:
    // the Dense that computes them and the per-feature layers after it (each
    // value between read by nothing else).
    std::vector<std::size_t> feature_layers;
};

// Keras' kernel from an ONNX 4-D weight, transpose(2, 3, 1, 0): Conv's
// [out, in, kh, kw] -> [kh, kw, in, out]; ConvTranspose's [in, out, kh, kw]
// -> [kh, kw, out, in].
std::vector<float> keras_kernel(const OnnxConstant& w) {
    const std::size_t a = std::size_t(w.dims[0]), b = std::size_t(w.dims[1]);
    const std::size_t c = std::size_t(w.dims[2]), d = std::size_t(w.dims[3]);
    std::vector<float> k(w.floats.size());
    for (std::size_t i = 0; i < a; ++i)
        for (std::size_t j = 0; j < b; ++j)
            for (std::size_t y = 0; y < c; ++y)
                for (std::size_t x = 0; x < d; ++x) k[((y * d + x) * b + j) * a + i] = w.floats[((i * b + j) * c + y) * d + x];
    return k;
}

class Translator {
public:
    Translator(const onnx::ModelProto& model, std::string origin) : model_(model), origin_(std::move(origin)) {}

    ModelWithWeights run() {
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

private:
    [[noreturn]] void fail(const std::string& problem) const {
        throw Error(fmt::format("{}: {}", origin_, problem));
    }

    void read_opset() {
        for (const onnx::OperatorSetIdProto& o : model_.opset_import())
            if (o.domain().empty() || o.domain() == "ai.onnx") opset_ = o.version();
        if (opset_ < first_opset || opset_ > last_opset)
            fail(fmt::format("opset {} of the ONNX operators is not supported ({} to {})", opset_, first_opset,
                             last_opset));
    }

    void read_input(const onnx::ValueInfoProto& in) {
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

    // ---- One node ----

    struct Node {
        const onnx::NodeProto& proto;
        OnnxAttributes attributes;
        std::string name;  // the layer name its first layer gets
    };

    void node(const onnx::NodeProto& n, int index) {
        // torch.onnx.export names nodes by module path, "/main/main.0/ConvTranspose"; the layer drops the
        // leading slash.
        const std::string_view given = std::string_view(n.name()).substr(n.name().starts_with('/') ? 1 : 0);
        const std::string name = given.empty() ? fmt::format("{}_{}", n.op_type(), index) : std::string(given);
        Node node{n, OnnxAttributes(n, fmt::format("{}: node '{}' ({})", origin_, name, n.op_type())), name};
        if (!n.domain().empty() && n.domain() != "ai.onnx")
            node.attributes.fail(fmt::format("operators of domain '{}' are not supported", n.domain()));
        if (n.output_size() < 1) node.attributes.fail("it has no output");
        const auto translation = operators().find(n.op_type());
        if (translation == operators().end()) node.attributes.fail("this operator is not supported");
        translation->second(*this, node);
        node.attributes.check_all_read();
        for (int j = 1; j < n.output_size(); ++j)
            if (!n.output(j).empty() && readers_[n.output(j)] > 0)
                node.attributes.fail(fmt::format("its output {} ('{}') is read, which ganforge does not compute", j,
                                                 n.output(j)));
    }

    // The operators ganforge reads, by op_type, one row each: what each becomes.
    using Translation = void (*)(Translator&, Node&);
    static const std::map<std::string_view, Translation>& operators() {
        static const std::map<std::string_view, Translation> table{
            {"Add", [](Translator& t, Node& n) { t.merge(n, false); }},
            {"BatchNormalization", [](Translator& t, Node& n) { t.batch_norm(n); }},
            {"Cast", [](Translator& t, Node& n) { t.cast(n); }},
            {"Concat", [](Translator& t, Node& n) { t.concat(n); }},
            {"Constant", [](Translator& t, Node& n) { t.constant_node(n); }},
            {"Conv", [](Translator& t, Node& n) { t.conv(n); }},
            {"ConvTranspose", [](Translator& t, Node& n) { t.conv_transpose(n); }},
            {"Dropout", [](Translator& t, Node& n) { t.dropout(n); }},
            {"Flatten", [](Translator& t, Node& n) { t.flatten(n); }},
            {"Gather", [](Translator& t, Node& n) { t.gather(n); }},
            {"Gemm", [](Translator& t, Node& n) { t.gemm(n); }},
            {"Identity", [](Translator& t, Node& n) { t.alias(n, 0); }},
            {"LeakyRelu", [](Translator& t, Node& n) {
                 LayerSpec l{.kind = LayerKind::leaky_relu};
                 l.alpha = n.attributes.number("alpha", 0.01f);
                 t.pointwise(n, l);
             }},
            {"MatMul", [](Translator& t, Node& n) { t.matmul(n); }},
            {"Mul", [](Translator& t, Node& n) { t.merge(n, true); }},
            {"Relu", [](Translator& t, Node& n) { t.pointwise(n, LayerSpec{.kind = LayerKind::relu}); }},
            {"Reshape", [](Translator& t, Node& n) { t.reshape(n); }},
            {"Resize", [](Translator& t, Node& n) { t.resize(n, false); }},
            {"Shape", [](Translator& t, Node& n) { t.shape_of(n); }},
            {"Sigmoid", [](Translator& t, Node& n) { t.activation(n, Activation::sigmoid); }},
            {"Squeeze", [](Translator& t, Node& n) { t.squeeze(n, false); }},
            {"Tanh", [](Translator& t, Node& n) { t.activation(n, Activation::tanh); }},
            {"Unsqueeze", [](Translator& t, Node& n) { t.squeeze(n, true); }},
            {"Upsample", [](Translator& t, Node& n) { t.resize(n, true); }},
        };
        return table;
    }

    bool has_input(const Node& n, int j) const { return j < n.proto.input_size() && !n.proto.input(j).empty(); }

    const Value& input(const Node& n, int j) const {
        if (!has_input(n, j)) n.attributes.fail(fmt::format("input {} is missing", j));
        const auto it = values_.find(n.proto.input(j));
        if (it == values_.end())
            n.attributes.fail(fmt::format("input {} ('{}') is computed by no earlier node, graph input or initializer",
                                          j, n.proto.input(j)));
        return it->second;
    }

    const OnnxConstant& constant_input(const Node& n, int j, std::string_view what) const {
        const Value& v = input(n, j);
        if (!v.constant) n.attributes.fail(fmt::format("its {} (input {}) must be a constant", what, j));
        return *v.constant;
    }

    const OnnxConstant& float_constant(const Node& n, int j, std::string_view what, std::size_t count) const {
        const OnnxConstant& c = constant_input(n, j, what);
        if (c.is_int || c.size() != count)
            n.attributes.fail(fmt::format("its {} holds {} {} values where {} floats are needed", what, c.size(),
                                          c.is_int ? "integer" : "float", count));
        return c;
    }

    const Value& tensor_input(const Node& n, int j) const {
        const Value& v = input(n, j);
        if (v.constant) n.attributes.fail(fmt::format("input {} ('{}') is a constant where ganforge computes a tensor", j,
                                                      n.proto.input(j)));
        return v;
    }

    const Value& image_input(const Node& n, int j) const {
        const Value& v = tensor_input(n, j);
        if (v.dims.size() != 3)
            n.attributes.fail(fmt::format("input {} has dimensions [N, {}], not an image [N, C, H, W]", j,
                                          fmt::join(v.dims, ", ")));
        return v;
    }

    void set_output(const Node& n, Value v) { values_[n.proto.output(0)] = std::move(v); }

    // The feature layers node n's output inherits from its input j, v: none
    // unless n alone reads v.
    std::vector<std::size_t> inherited(const Node& n, const Value& v, int j = 0) {
        return readers_[n.proto.input(j)] == 1 ? v.feature_layers : std::vector<std::size_t>{};
    }

    // ---- Layers ----

    // Appends a layer reading `inbound` and infers its shape; a shape the
    // layer refuses is an error naming the node.
    std::size_t add_layer(const Node& n, LayerSpec l, const std::vector<TensorRef>& inbound, std::string name,
                          std::vector<std::vector<float>> weights = {}) {
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

    Value layer_value(std::size_t layer, Dims dims, std::vector<std::size_t> feature_layers = {}) const {
        Value v;
        v.ref = TensorRef{false, layer};
        v.dims = std::move(dims);
        v.feature_layers = std::move(feature_layers);
        return v;
    }

    // ---- Constants and the shape arithmetic ----

    void constant_node(Node& n) {
        OnnxAttributes& a = n.attributes;
        OnnxConstant c;
        if (const onnx::TensorProto* t = a.tensor("value")) c = read_onnx_tensor(*t, a.context());
        else if (a.has("value_float")) c.floats = {a.number("value_float", 0.0f)};
        else if (a.has("value_floats")) {
            c.floats = a.numbers("value_floats");
            c.dims = {(long long)c.floats.size()};
        } else if (a.has("value_int")) {
            c.is_int = true;
            c.ints = {a.integer("value_int", 0)};
        } else if (a.has("value_ints")) {
            c.is_int = true;
            c.ints = a.integers("value_ints", {});
            c.dims = {(long long)c.ints.size()};
        } else
            a.fail("only a tensor, float(s) or int(s) value is supported");
        Value v;
        v.constant = std::move(c);
        set_output(n, std::move(v));
    }

    void alias(const Node& n, int j) {
        Value v = input(n, j);
        if (!v.constant) v.feature_layers = inherited(n, v);
        set_output(n, std::move(v));
    }

    void dropout(Node& n) {
        n.attributes.ignore("ratio");
        n.attributes.ignore("seed");
        if (n.attributes.integer("is_test", 1) == 0) n.attributes.fail("is_test 0 (training) is not supported");
        if (has_input(n, 2)) {
            const OnnxConstant& training = constant_input(n, 2, "training_mode");
            if (training.size() != 1 || training.number(0) != 0) n.attributes.fail("training_mode must be false");
        }
        alias(n, 0);
    }

    // Shape: the tensor's dims, the batch as onnx_batch_dim.
    void shape_of(Node& n) {
        const Value& x = input(n, 0);
        Dims full;
        if (x.constant) full = x.constant->dims;
        else {
            full = {onnx_batch_dim};
            full.insert(full.end(), x.dims.begin(), x.dims.end());
        }
        const long long rank = (long long)full.size();
        auto clamp = [&](long long i) { return std::clamp(i < 0 ? i + rank : i, 0LL, rank); };
        const long long start = clamp(n.attributes.integer("start", 0)), end = clamp(n.attributes.integer("end", rank));
        Value v;
        v.constant = OnnxConstant{};
        v.constant->is_int = true;
        if (start < end) v.constant->ints.assign(full.begin() + start, full.begin() + end);
        v.constant->dims = {(long long)v.constant->ints.size()};
        set_output(n, std::move(v));
    }

    void gather(Node& n) {
        const OnnxConstant& data = constant_input(n, 0, "data");
        const OnnxConstant& indices = constant_input(n, 1, "indices");
        if (n.attributes.integer("axis", 0) != 0 || data.dims.size() != 1 || !indices.is_int)
            n.attributes.fail("only Gather of integer indices from a 1-D constant is supported");
        OnnxConstant c;
        c.is_int = data.is_int;
        c.dims = indices.dims;
        const auto size = (long long)data.size();
        for (const long long i : indices.ints) {
            const long long at = i < 0 ? i + size : i;
            if (at < 0 || at >= size) n.attributes.fail(fmt::format("index {} is out of range for {} values", i, size));
            if (c.is_int) c.ints.push_back(data.ints[std::size_t(at)]);
            else c.floats.push_back(data.floats[std::size_t(at)]);
        }
        Value v;
        v.constant = std::move(c);
        set_output(n, std::move(v));
    }

    // The axes of Squeeze / Unsqueeze: an attribute before opset 13, then an input.
    Dims axes_of(Node& n) {
        if (opset_ < 13) return n.attributes.integers("axes", {});
        if (!has_input(n, 1)) return {};
        const OnnxConstant& a = constant_input(n, 1, "axes");
        if (!a.is_int) n.attributes.fail("its axes must be integers");
        return a.ints;
    }

    void squeeze(Node& n, bool unsqueeze) {
        const Value& x = input(n, 0);
        Dims full = x.constant ? x.constant->dims : Dims{};
        if (!x.constant) {
            full = {onnx_batch_dim};
            full.insert(full.end(), x.dims.begin(), x.dims.end());
        }
        Dims axes = axes_of(n);
        const long long rank = (long long)full.size() + (unsqueeze ? (long long)axes.size() : 0);
        for (long long& a : axes) {
            if (a < -rank || a >= rank) n.attributes.fail(fmt::format("axis {} is out of range", a));
            if (a < 0) a += rank;
        }
        std::sort(axes.begin(), axes.end());
        if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) n.attributes.fail("an axis appears twice");
        if (unsqueeze)
            for (const long long a : axes) full.insert(full.begin() + a, 1);
        else {
            if (axes.empty())
                for (long long i = 0; i < (long long)full.size(); ++i)
                    if (full[std::size_t(i)] == 1) axes.push_back(i);
            for (auto a = axes.rbegin(); a != axes.rend(); ++a) {
                if (full[std::size_t(*a)] != 1) n.attributes.fail(fmt::format("axis {} does not have size 1", *a));
                full.erase(full.begin() + *a);
            }
        }
        if (x.constant) {
            Value v = x;
            v.constant->dims = full;
            return set_output(n, std::move(v));
        }
        if (full.empty() || full[0] != onnx_batch_dim)
            n.attributes.fail("it moves or removes the batch axis, which ganforge keeps first");
        reshape_to(n, x, Dims(full.begin() + 1, full.end()));
    }

    void cast(Node& n) {
        const long long to = n.attributes.integer("to", 0);
        const Value& x = input(n, 0);
        const bool to_int = to == onnx::TensorProto::INT64 || to == onnx::TensorProto::INT32;
        const bool to_float = to == onnx::TensorProto::FLOAT || to == onnx::TensorProto::DOUBLE;
        if (!x.constant) {
            if (!to_float) n.attributes.fail("a tensor can only be cast to float");
            return alias(n, 0);
        }
        if (!to_int && !to_float) n.attributes.fail(fmt::format("cast to data type {} is not supported", to));
        Value v = x;
        OnnxConstant& c = *v.constant;
        if (to_int && !c.is_int) {
            for (const float f : c.floats) {
                if (!(std::fabs(f) < 0x1p62f)) n.attributes.fail(fmt::format("{} does not cast to an integer", f));
                c.ints.push_back((long long)f);
            }
            c.floats.clear();
        } else if (to_float && c.is_int) {
            for (const long long i : c.ints) c.floats.push_back(float(i));
            c.ints.clear();
        }
        c.is_int = to_int;
        set_output(n, std::move(v));
    }

    void concat(Node& n) {
        const long long axis = n.attributes.integer("axis", LLONG_MIN);
        if (axis == LLONG_MIN) n.attributes.fail("attribute 'axis' is missing");
        const bool constants = input(n, 0).constant.has_value();
        if (constants) {
            OnnxConstant c;
            c.is_int = true;
            for (int j = 0; j < n.proto.input_size(); ++j) {
                const OnnxConstant& part = constant_input(n, j, "part");
                if (!part.is_int || part.dims.size() != 1 || (axis != 0 && axis != -1))
                    n.attributes.fail("only 1-D integer constants are joined");
                c.ints.insert(c.ints.end(), part.ints.begin(), part.ints.end());
            }
            c.dims = {(long long)c.ints.size()};
            Value v;
            v.constant = std::move(c);
            return set_output(n, std::move(v));
        }
        const Value& first = tensor_input(n, 0);
        const long long rank = (long long)first.dims.size() + 1;
        const long long a = axis < 0 ? axis + rank : axis;
        if (a < 1 || a >= rank || (rank != 2 && rank != 4))
            n.attributes.fail(fmt::format("axis {} of a tensor of {} dimensions is not supported", axis, rank));
        LayerSpec l{.kind = LayerKind::concatenate};
        // Keras' axis: ONNX's channels (1) are the last; H and W are 1 and 2.
        l.axis = rank == 2 || a == 1 ? -1 : int(a - 1);
        std::vector<TensorRef> inbound;
        Dims dims = first.dims;
        for (int j = 0; j < n.proto.input_size(); ++j) {
            const Value& v = tensor_input(n, j);
            if (v.dims.size() != first.dims.size())
                n.attributes.fail(fmt::format("input {} has {} dimensions, input 0 {}", j, v.dims.size() + 1, rank));
            if (j > 0) dims[std::size_t(a - 1)] += v.dims[std::size_t(a - 1)];
            inbound.push_back(v.ref);
        }
        if (inbound.size() > max_layer_inputs)
            n.attributes.fail(fmt::format("{} inputs is more than {}", inbound.size(), max_layer_inputs));
        set_output(n, layer_value(add_layer(n, l, inbound, n.name), dims));
    }

    // ---- Reshapes ----

    void reshape(Node& n) {
        const Value& x = tensor_input(n, 0);
        const OnnxConstant& target = constant_input(n, 1, "shape");
        if (!target.is_int || target.dims.size() != 1) n.attributes.fail("its shape must be a 1-D integer constant");
        if (n.attributes.integer("allowzero", 0) != 0) n.attributes.fail("allowzero 1 is not supported");
        const std::vector<long long>& t = target.ints;
        if (t.empty()) n.attributes.fail("its shape is empty");
        const long long first = t[0];
        if (first != 0 && first != -1 && first != onnx_batch_dim && !(fixed_batch_ && first == *fixed_batch_))
            n.attributes.fail(fmt::format("its shape [{}] does not keep the batch axis first", fmt::join(t, ", ")));
        Dims dims;
        long long known = 1;
        std::optional<std::size_t> inferred;
        for (std::size_t i = 1; i < t.size(); ++i) {
            long long d = t[i];
            if (d == 0) {
                if (i - 1 >= x.dims.size()) n.attributes.fail(fmt::format("a 0 at position {} copies no dimension", i));
                d = x.dims[i - 1];
            }
            if (d == -1) {
                if (inferred || first == -1) n.attributes.fail("its shape has more than one -1");
                inferred = dims.size();
                d = 1;
            } else if (d < 1 || d > import_limits::max_extent) {
                n.attributes.fail(fmt::format("its shape [{}] has a dimension out of range", fmt::join(t, ", ")));
            }
            dims.push_back(d);
            known *= d;
            if (known > (long long)import_limits::max_tensor_values)
                n.attributes.fail(fmt::format("its shape [{}] is too large", fmt::join(t, ", ")));
        }
        const auto total = (long long)count_of(x.dims);
        if (inferred) {
            if (total % known != 0)
                n.attributes.fail(fmt::format("its shape [{}] does not divide {} values", fmt::join(t, ", "), total));
            dims[*inferred] = total / known;
        }
        reshape_to(n, x, dims);
    }

    void flatten(Node& n) {
        const Value& x = tensor_input(n, 0);
        if (const long long axis = n.attributes.integer("axis", 1); axis != 1 && axis != 1 - (long long)x.dims.size() - 1)
            n.attributes.fail(fmt::format("axis {} is not supported (1: keep the batch axis)", axis));
        reshape_to(n, x, Dims{(long long)count_of(x.dims)});
    }

    // x as ONNX dims `dims`: no layer where ganforge's values stay as they
    // are, a Reshape where the order agrees, and a Reshape after reordering
    // the features of the Dense that computes x where a flat tensor becomes
    // an image.
    void reshape_to(Node& n, const Value& x, const Dims& dims) {
        if (count_of(dims) != count_of(x.dims))
            n.attributes.fail(fmt::format("it reshapes {} values into [{}]", count_of(x.dims), fmt::join(dims, ", ")));
        const Shape from = ganforge_shape(x.dims), to = ganforge_shape(dims);
        if (from == to) {
            Value v = x;
            v.dims = dims;
            v.feature_layers = inherited(n, x);
            return set_output(n, std::move(v));
        }
        const bool orders_agree = same_order(x.dims) && same_order(dims);
        if (!orders_agree) {
            const std::vector<std::size_t> features = inherited(n, x);
            if (x.dims.size() == 3)
                n.attributes.fail(fmt::format(
                    "it flattens or reshapes a [{}] image in PyTorch's channel-first order, which ganforge (channels "
                    "last) cannot do without a transpose",
                    fmt::join(x.dims, ", ")));
            if (features.empty())
                n.attributes.fail(fmt::format(
                    "it makes the [{}] image of a tensor that no Linear (Gemm or MatMul) alone computes; ganforge "
                    "holds images channels last and reorders a Linear's outputs to match PyTorch's view",
                    fmt::join(dims, ", ")));
            reorder_features(features, dims);
        }
        LayerSpec l{.kind = LayerKind::reshape};
        l.target_shape = to;
        set_output(n, layer_value(add_layer(n, l, {x.ref}, n.name), dims));
    }

    // The outputs of a Dense (and the per-feature parameters of the layers
    // after it) moved from PyTorch's [C, H, W] order to ganforge's [H, W, C].
    void reorder_features(const std::vector<std::size_t>& layers, const Dims& chw) {
        const std::size_t c = std::size_t(chw[0]), h = std::size_t(chw[1]), w = std::size_t(chw[2]);
        std::vector<std::size_t> from(c * h * w);  // ganforge's feature i is PyTorch's from[i]
        for (std::size_t y = 0; y < h; ++y)
            for (std::size_t x = 0; x < w; ++x)
                for (std::size_t k = 0; k < c; ++k) from[(y * w + x) * c + k] = k * h * w + y * w + x;
        auto permute = [&](std::vector<float>& v, std::size_t rows) {
            const std::vector<float> old = v;
            const std::size_t n = from.size();
            for (std::size_t r = 0; r < rows; ++r)
                for (std::size_t i = 0; i < n; ++i) v[r * n + i] = old[r * n + from[i]];
        };
        for (const std::size_t layer : layers)
            for (std::vector<float>& t : weights_[layer]) permute(t, t.size() / from.size());
    }

    // ---- Linear layers ----

    const Value& flat_input(const Node& n, int j) const {
        const Value& v = tensor_input(n, j);
        if (v.dims.size() != 1)
            n.attributes.fail(fmt::format("input {} has dimensions [N, {}]; ganforge reads [N, features] here", j,
                                          fmt::join(v.dims, ", ")));
        return v;
    }

    void dense(Node& n, const Value& x, std::vector<float> kernel, std::size_t units, std::optional<std::vector<float>> bias) {
        LayerSpec l{.kind = LayerKind::dense, .units = int(units)};
        l.use_bias = bias.has_value();
        std::vector<std::vector<float>> w{std::move(kernel)};
        if (bias) w.push_back(std::move(*bias));
        const std::size_t layer = add_layer(n, l, {x.ref}, n.name, std::move(w));
        set_output(n, layer_value(layer, {(long long)units}, {layer}));
    }

    // A bias of `units` values from C of Gemm or B of Add: one value or one per unit.
    std::vector<float> bias_values(const Node& n, const OnnxConstant& c, std::size_t units, float scale) const {
        if (c.is_int || (c.size() != 1 && c.size() != units) || count_of(c.dims) != c.size() ||
            (c.dims.size() > 1 && c.dims.back() != (long long)c.size()))
            n.attributes.fail(fmt::format("its bias of dimensions [{}] does not broadcast over {} units",
                                          fmt::join(c.dims, ", "), units));
        std::vector<float> b(units);
        for (std::size_t i = 0; i < units; ++i) b[i] = scale * c.floats[c.size() == 1 ? 0 : i];
        return b;
    }

    void gemm(Node& n) {
        OnnxAttributes& a = n.attributes;
        const Value& x = flat_input(n, 0);
        const OnnxConstant& b = constant_input(n, 1, "weight B");
        if (a.integer("transA", 0) != 0) a.fail("transA 1 is not supported");
        const bool trans_b = a.integer("transB", 0) != 0;
        const float alpha = a.number("alpha", 1.0f), beta = a.number("beta", 1.0f);
        if (b.is_int || b.dims.size() != 2) a.fail("its weight B must be a 2-D float constant");
        const std::size_t k = std::size_t(trans_b ? b.dims[1] : b.dims[0]), m = std::size_t(trans_b ? b.dims[0] : b.dims[1]);
        if (k != std::size_t(x.dims[0]))
            a.fail(fmt::format("its weight B [{}] does not take {} features", fmt::join(b.dims, ", "), x.dims[0]));
        std::vector<float> kernel(k * m);
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t j = 0; j < m; ++j) kernel[i * m + j] = alpha * (trans_b ? b.floats[j * k + i] : b.floats[i * m + j]);
        std::optional<std::vector<float>> bias;
        if (has_input(n, 2)) bias = bias_values(n, constant_input(n, 2, "bias C"), m, beta);
        dense(n, x, std::move(kernel), m, std::move(bias));
    }

    void matmul(Node& n) {
        const Value& x = flat_input(n, 0);
        const OnnxConstant& b = constant_input(n, 1, "weight");
        if (b.is_int || b.dims.size() != 2 || b.dims[0] != x.dims[0])
            n.attributes.fail(fmt::format("its weight [{}] is not a float [{}, units] matrix", fmt::join(b.dims, ", "),
                                          x.dims[0]));
        dense(n, x, b.floats, std::size_t(b.dims[1]), std::nullopt);
    }

    // Add and Mul: two tensors of the same dims (Keras' Add, Multiply), or
    // a Linear's bias added after a MatMul.
    void merge(Node& n, bool multiply) {
        const Value& a = input(n, 0);
        const Value& b = input(n, 1);
        if (!a.constant && !b.constant) {
            if (a.dims != b.dims)
                n.attributes.fail(fmt::format("it broadcasts [{}] against [{}]; ganforge adds tensors of equal shape",
                                              fmt::join(a.dims, ", "), fmt::join(b.dims, ", ")));
            LayerSpec l{.kind = multiply ? LayerKind::multiply : LayerKind::add};
            return set_output(n, layer_value(add_layer(n, l, {a.ref, b.ref}, n.name), a.dims));
        }
        const int t = a.constant ? 1 : 0;
        const Value& x = t == 0 ? a : b;
        if (x.constant) n.attributes.fail("arithmetic on constants is not folded");
        LayerSpec* producer = x.ref.model_input ? nullptr : &layers_[x.ref.index];
        if (multiply || producer == nullptr || producer->kind != LayerKind::dense || producer->use_bias ||
            readers_[n.proto.input(t)] != 1)
            n.attributes.fail("a constant is only added as the bias of the MatMul before it");
        weights_[x.ref.index].push_back(
            bias_values(n, *(t == 0 ? b : a).constant, std::size_t(producer->units), 1.0f));
        producer->use_bias = true;
        Value v = x;
        v.feature_layers = inherited(n, x, t);
        set_output(n, std::move(v));
    }

    // ---- Convolutions ----

    struct ConvGeometry {
        std::array<OnnxAxis, 2> axes;
        int kh = 0, kw = 0;
    };

    // The attributes Conv and ConvTranspose share, for input x and weight w.
    ConvGeometry conv_geometry(Node& n, const Value& x, const OnnxConstant& w) {
        OnnxAttributes& a = n.attributes;
        ConvGeometry g;
        g.kh = int(w.dims[2]);
        g.kw = int(w.dims[3]);
        if (a.integers("kernel_shape", {g.kh, g.kw}) != Dims{g.kh, g.kw})
            a.fail(fmt::format("kernel_shape differs from its weight's [{}]", fmt::join(w.dims, ", ")));
        if (a.integer("group", 1) != 1) a.fail("group other than 1 is not supported (grouped convolutions)");
        if (a.integers("dilations", {1, 1}) != Dims{1, 1}) a.fail("dilations other than 1 are not supported");
        const Dims strides = a.integers("strides", {1, 1});
        const Dims pads = a.integers("pads", {0, 0, 0, 0});
        if (strides.size() != 2 || pads.size() != 4) a.fail("it must have 2 strides and 4 pads (a 2-D convolution)");
        for (const long long s : strides)
            if (s < 1 || s > import_limits::max_window) a.fail(fmt::format("stride {} is out of range", s));
        for (const long long p : pads)
            if (p < 0 || p > import_limits::max_window) a.fail(fmt::format("pad {} is out of range", p));
        for (int i = 0; i < 2; ++i)
            g.axes[std::size_t(i)] = OnnxAxis{x.dims[std::size_t(1 + i)], i == 0 ? g.kh : g.kw, int(strides[std::size_t(i)]),
                                             int(pads[std::size_t(i)]), int(pads[std::size_t(i + 2)])};
        return g;
    }

    // The weight (input 1, 4-D float, `in_axis` holding x's channels) and
    // optional bias (input 2, one per filter) of a convolution.
    std::vector<std::vector<float>> conv_weights(const Node& n, const Value& x, int in_axis, int out_axis) {
        const OnnxConstant& w = constant_input(n, 1, "weight");
        if (w.is_int || w.dims.size() != 4)
            n.attributes.fail(fmt::format("its weight [{}] is not a 4-D float tensor", fmt::join(w.dims, ", ")));
        if (w.dims[std::size_t(in_axis)] != x.dims[0])
            n.attributes.fail(fmt::format("its weight [{}] does not take {} channels", fmt::join(w.dims, ", "), x.dims[0]));
        std::vector<std::vector<float>> weights{keras_kernel(w)};
        if (has_input(n, 2))
            weights.push_back(float_constant(n, 2, "bias", std::size_t(w.dims[std::size_t(out_axis)])).floats);
        return weights;
    }

    std::string auto_pad(Node& n) {
        const std::string p = n.attributes.text("auto_pad", "NOTSET");
        if (p != "NOTSET" && p != "VALID" && p != "SAME_UPPER")
            n.attributes.fail(fmt::format("auto_pad '{}' is not supported (NOTSET, VALID or SAME_UPPER)", p));
        return p;
    }

    void conv(Node& n) {
        const Value& x = image_input(n, 0);
        auto weights = conv_weights(n, x, 1, 0);
        const OnnxConstant& w = *input(n, 1).constant;
        const ConvGeometry g = conv_geometry(n, x, w);
        const std::string pad = auto_pad(n);
        KerasConvolution k = pad == "NOTSET" ? keras_conv(g.axes) : KerasConvolution{};
        if (pad == "SAME_UPPER") k.padding = Padding::same;
        TensorRef in = x.ref;
        if (k.zero_padding != Margins{}) {
            LayerSpec p{.kind = LayerKind::zero_padding2d};
            p.margins = k.zero_padding;
            in = TensorRef{false, add_layer(n, p, {in}, n.name + "/pad")};
        }
        LayerSpec l = shape_rules::convolution_spec(LayerKind::conv2d, int(w.dims[0]), Size2{g.kh, g.kw},
                                                    Size2{g.axes[0].stride, g.axes[1].stride}, k.padding,
                                                    Activation::linear, weights.size() == 2);
        const std::size_t layer = add_layer(n, l, {in}, n.name, std::move(weights));
        set_output(n, image_value(layer));
    }

    void conv_transpose(Node& n) {
        const Value& x = image_input(n, 0);
        auto weights = conv_weights(n, x, 0, 1);
        const OnnxConstant& w = *input(n, 1).constant;
        ConvGeometry g = conv_geometry(n, x, w);
        if (auto_pad(n) != "NOTSET") n.attributes.fail("auto_pad other than NOTSET is not supported");
        if (n.attributes.has("output_shape")) n.attributes.fail("output_shape is not supported (output_padding is)");
        const Dims output_padding = n.attributes.integers("output_padding", {0, 0});
        if (output_padding.size() != 2) n.attributes.fail("output_padding must have 2 values");
        for (int i = 0; i < 2; ++i) {
            OnnxAxis& a = g.axes[std::size_t(i)];
            a.output_padding = int(output_padding[std::size_t(i)]);
            if (a.output_padding < 0 || a.output_padding >= a.stride)
                n.attributes.fail(fmt::format("output_padding {} must be at least 0 and less than the stride {}",
                                              a.output_padding, a.stride));
            if (onnx_conv_transpose_output(a) < 1)
                n.attributes.fail("its pads crop the whole output");
        }
        const KerasConvolution k = keras_conv_transpose(g.axes);
        LayerSpec l = shape_rules::convolution_spec(LayerKind::conv2d_transpose, int(w.dims[1]), Size2{g.kh, g.kw},
                                                    Size2{g.axes[0].stride, g.axes[1].stride}, k.padding,
                                                    Activation::linear, weights.size() == 2);
        l.output_padding = k.output_padding;
        std::size_t layer = add_layer(n, l, {x.ref}, n.name, std::move(weights));
        if (k.cropping != Margins{}) {
            LayerSpec c{.kind = LayerKind::cropping2d};
            c.margins = k.cropping;
            layer = add_layer(n, c, {TensorRef{false, layer}}, n.name + "/crop");
        }
        set_output(n, image_value(layer));
    }

    // An image layer's output as ONNX dims [C, H, W].
    Value image_value(std::size_t layer) const {
        const Shape& s = layers_[layer].output_shape;
        return layer_value(layer, {(long long)s[2], (long long)s[0], (long long)s[1]});
    }

    // ---- Per-channel layers ----

    void batch_norm(Node& n) {
        const Value& x = tensor_input(n, 0);
        if (x.dims.size() != 1 && x.dims.size() != 3)
            n.attributes.fail(fmt::format("it normalises a [N, {}] tensor; ganforge normalises [N, C] and [N, C, H, W]",
                                          fmt::join(x.dims, ", ")));
        const std::size_t c = std::size_t(x.dims[0]);
        LayerSpec l{.kind = LayerKind::batch_normalization};
        l.epsilon = n.attributes.number("epsilon", 1e-5f);
        l.center = l.scale = true;
        n.attributes.ignore("momentum");
        if (n.attributes.integer("spatial", 1) != 1) n.attributes.fail("spatial 0 is not supported");
        if (n.attributes.integer("training_mode", 0) != 0) n.attributes.fail("training_mode 1 is not supported");
        std::vector<std::vector<float>> w;
        const std::pair<int, const char*> parts[] = {{1, "scale"}, {2, "B"}, {3, "mean"}, {4, "var"}};
        for (const auto& [j, what] : parts) w.push_back(float_constant(n, j, what, c).floats);
        std::vector<std::size_t> features = inherited(n, x);
        const std::size_t layer = add_layer(n, l, {x.ref}, n.name, std::move(w));
        if (!features.empty()) features.push_back(layer);
        set_output(n, layer_value(layer, x.dims, std::move(features)));
    }

    void activation(Node& n, Activation a) {
        LayerSpec l{.kind = LayerKind::activation};
        l.activation = a;
        pointwise(n, l);
    }

    void pointwise(Node& n, LayerSpec l) {
        const Value& x = tensor_input(n, 0);
        std::vector<std::size_t> features = inherited(n, x);
        set_output(n, layer_value(add_layer(n, l, {x.ref}, n.name), x.dims, std::move(features)));
    }

    // ---- Resize and Upsample ----

    // Resize (opset 10 on) and Upsample (before): integer scales on H and W
    // only, as UpSampling2D.
    void resize(Node& n, bool upsample) {
        OnnxAttributes& a = n.attributes;
        const Value& x = image_input(n, 0);
        const std::string mode = a.text("mode", "nearest");
        // Upsample and opset 10's Resize pick source pixels asymmetrically: src = dst / scale.
        const bool asymmetric_only = upsample || opset_ < 11;
        const std::string coordinates =
            asymmetric_only ? "asymmetric" : a.text("coordinate_transformation_mode", "half_pixel");
        const std::string nearest_mode = asymmetric_only ? "floor" : a.text("nearest_mode", "round_prefer_floor");
        std::vector<double> scales;
        if (upsample && opset_ < 9) {
            for (const float s : a.numbers("scales")) scales.push_back(s);
        } else {
            const int at = upsample || opset_ < 11 ? 1 : 2;
            if (has_input(n, at) && input(n, at).constant && input(n, at).constant->size() > 0) {
                const OnnxConstant& s = constant_input(n, at, "scales");
                for (std::size_t i = 0; i < s.size(); ++i) scales.push_back(s.number(i));
            } else if (!upsample && has_input(n, 3)) {
                const OnnxConstant& sizes = constant_input(n, 3, "sizes");
                if (sizes.size() != 4) a.fail("its sizes must have 4 values");
                const Dims full{1, x.dims[0], x.dims[1], x.dims[2]};
                for (std::size_t i = 0; i < 4; ++i) scales.push_back(sizes.number(i) / double(full[i]));
            }
        }
        if (!asymmetric_only) {
            a.ignore("cubic_coeff_a");
            a.ignore("extrapolation_value");
            a.ignore("antialias");  // it changes downsampling only
            if (a.integer("exclude_outside", 0) != 0) a.fail("exclude_outside 1 is not supported");
            if (a.has("axes")) a.fail("attribute 'axes' is not supported");
            if (a.text("keep_aspect_ratio_policy", "stretch") != "stretch")
                a.fail("keep_aspect_ratio_policy other than stretch is not supported");
        }
        if (scales.size() != 4 || scales[0] != 1 || scales[1] != 1)
            a.fail("its scales must be [1, 1, h, w] (scaling only height and width)");
        LayerSpec l{.kind = LayerKind::up_sampling2d};
        for (int i = 0; i < 2; ++i) {
            const double s = scales[std::size_t(2 + i)];
            if (!(s >= 1 && s <= import_limits::max_window) || s != std::floor(s))
                a.fail(fmt::format("scale {} is not supported (whole numbers from 1: upsampling)", s));
            (i == 0 ? l.size.rows : l.size.cols) = int(s);
        }
        const bool half_pixel = coordinates == "half_pixel" || coordinates == "pytorch_half_pixel";
        if (mode == "nearest") {
            // For whole scales these all take source floor(dst / scale).
            const bool floor_rule = coordinates == "asymmetric" && nearest_mode == "floor";
            const bool round_rule = half_pixel && (nearest_mode == "round_prefer_floor" || nearest_mode == "round_prefer_ceil");
            if (!floor_rule && !round_rule)
                a.fail(fmt::format("nearest with coordinate_transformation_mode '{}' and nearest_mode '{}' is not "
                                   "supported",
                                   coordinates, nearest_mode));
            l.interpolation = Interpolation::nearest;
        } else if (mode == "linear") {
            if (half_pixel) l.interpolation = Interpolation::bilinear;
            else if (coordinates == "align_corners") l.interpolation = Interpolation::bilinear_align_corners;
            else a.fail(fmt::format("linear with coordinate_transformation_mode '{}' is not supported", coordinates));
        } else {
            a.fail(fmt::format("mode '{}' is not supported (nearest or linear)", mode));
        }
        const std::size_t layer = add_layer(n, l, {x.ref}, n.name);
        set_output(n, image_value(layer));
    }

    // ---- The model ----

    // The layers the output depends on, in their order, and their weights.
    ModelWithWeights finish(const Value& out) {
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

    const onnx::ModelProto& model_;
    std::string origin_;
    long long opset_ = 0;
    std::optional<long long> fixed_batch_;  // the inputs' batch size, when the graph fixes it
    std::map<std::string, Value> values_;
    std::map<std::string, int> readers_;  // per ONNX name: the nodes (but Shape) and graph outputs reading it
    std::vector<Shape> inputs_;
    std::vector<std::string> input_names_;
    std::vector<LayerSpec> layers_;
    std::vector<std::string> names_;
    std::vector<std::vector<std::vector<float>>> weights_;  // per layer, Keras' order and layout
};

}  // namespace

ModelWithWeights read_onnx_model(std::string_view bytes, const std::string& origin) {
    onnx::ModelProto model;
    if (bytes.size() > std::size_t(INT_MAX) || !model.ParseFromArray(bytes.data(), int(bytes.size())))
        throw Error(fmt::format("{}: not an ONNX model (its protobuf does not parse)", origin));
    if (!model.has_graph()) throw Error(fmt::format("{}: the ONNX model has no graph", origin));
    return Translator(model, origin).run();
}

}  // namespace ganforge
