// The walk over an ONNX graph that the operators' translations share: the
// graph's inputs and initializers, what each ONNX name stands for, the
// layers added so far with their weights, and the model they make. Each
// node is handed to its operator's row of a table given to the walk: where
// every input is a constant and the operator computes on constants, its
// evaluation gives the output, once, at import; otherwise its translation
// reads its inputs and attributes here and sets what its output stands for.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ganforge/core/layer_spec.hpp>
#include <ganforge/readers/model_file.hpp>
#include <ganforge/readers/read_options.hpp>
#include "readers/onnx_attributes.hpp"
#include "readers/onnx_constant.hpp"

namespace onnx {
class ModelProto;
class ValueInfoProto;
}

namespace ganforge {

// ONNX dims of one sample: the batch axis dropped.
using Dims = std::vector<long long>;

std::size_t count_of(const Dims& d);

// ganforge's shape of a sample with ONNX dims `d`: [C, H, W] is the image
// {H, W, C}; any other rank is held flat, in ONNX's order.
Shape ganforge_shape(const Dims& d);

// A step inside a pattern of operators that ganforge reads only whole
// (PyTorch's pixel_unshuffle: a rank-6 view between two Reshapes).
struct PatternStep {
    std::string_view pattern;  // what the pattern is, for errors
    std::string_view next;     // the op_type that alone may continue it
};

// What an ONNX name stands for: a constant, or a tensor the model computes
// (a model input or a layer's output) with its ONNX dims.
struct Value {
    // Shared: Identity and the like pass a constant on without copying it.
    std::shared_ptr<const OnnxConstant> constant;
    TensorRef ref;
    Dims dims;
    // An int64 or int32 graph input: labels, which only an Embedding reads.
    // ganforge takes them as float32 holding integers.
    bool labels = false;
    // A flat tensor whose features a Reshape into an image may still reorder:
    // the Dense that computes them and the per-feature layers after it (each
    // value between read by nothing else).
    std::vector<std::size_t> feature_layers;
    // Set where the value is a step of a pattern (dims as ONNX's, `ref` the
    // pattern's input): no tensor ganforge holds, so only a node of op_type
    // step->next may read it.
    const PatternStep* step = nullptr;
    // Set where ganforge holds an image's channels in an order of its own:
    // its channel k is ONNX's channel channel_order[k]. Only a Conv reading
    // the value alone takes it (set only then), by reordering its kernel.
    std::vector<std::size_t> channel_order;

    // All its ONNX dims: a constant's, or a tensor's with the batch axis
    // first as onnx_batch_dim.
    Dims full_dims() const;
};

// The node being translated.
struct OnnxNode {
    const onnx::NodeProto& proto;
    OnnxAttributes attributes;
    std::string name;  // the layer name its first layer gets
};

class Translator;
// What one operator becomes: it reads the node's inputs and attributes and
// sets its output.
using OnnxTranslation = void (*)(Translator&, OnnxNode&);
// What one operator computes from constant inputs: its output.
using OnnxEvaluation = OnnxConstant (*)(Translator&, OnnxNode&);
// An operator's row: either may be missing. An operator with no translation
// is computed on constants only; one with no evaluation, on what it reads.
struct OnnxOperator {
    OnnxTranslation translate = nullptr;
    OnnxEvaluation evaluate = nullptr;
};
using OnnxOperators = std::map<std::string_view, OnnxOperator>;

class Translator {
public:
    // `origin` (the file's name) starts every error; `operators` are the
    // op_types read, each with its row; `options` give the extents the
    // inputs leave symbolic.
    Translator(const onnx::ModelProto& model, std::string origin, const OnnxOperators& operators,
               const ReadOptions& options);

    ModelWithWeights run();

    // ---- The node's inputs ----
    bool has_input(const OnnxNode& n, int j) const;
    const Value& input(const OnnxNode& n, int j) const;
    // A constant, however the graph gives it: an initializer, a Constant
    // node or a constant subgraph's output.
    const OnnxConstant& constant_input(const OnnxNode& n, int j, std::string_view what) const;
    // A constant of `count` floats.
    const OnnxConstant& float_constant(const OnnxNode& n, int j, std::string_view what, std::size_t count) const;
    // The values of a 0-D or 1-D integer constant that are numbers, not the
    // symbolic batch (starts, axes, a shape to fill).
    const std::vector<long long>& integers(const OnnxNode& n, int j, std::string_view what) const;
    const Value& tensor_input(const OnnxNode& n, int j) const;
    // A tensor [N, C, H, W].
    const Value& image_input(const OnnxNode& n, int j) const;
    // Whether node n alone reads its input j (Shape, which reads dims only,
    // aside).
    bool sole_reader(const OnnxNode& n, int j) const;
    // The feature layers node n's output inherits from its input j, v: none
    // unless n alone reads v.
    std::vector<std::size_t> inherited(const OnnxNode& n, const Value& v, int j = 0) const;
    // The node that computes node n's input j, if a node does.
    const onnx::NodeProto* producer(const OnnxNode& n, int j) const;
    // The node that alone reads node n's output (Shape aside), which comes
    // later; none where several nodes or the graph's output read it.
    const onnx::NodeProto* sole_consumer(const OnnxNode& n) const;

    // ---- Constants the graph computes ----
    // A constant of `dims`, zeros, for an evaluation to fill: dims out of
    // range, or more values than all computed constants may hold together
    // (import_limits), is an error naming the node, before any allocation.
    OnnxConstant new_constant(const OnnxNode& n, const Dims& dims, bool is_int);

    // ---- The node's output ----
    void set_output(const OnnxNode& n, Value v);
    // The output stands for input j, as Identity.
    void alias(const OnnxNode& n, int j);

    // ---- Layers ----
    // Appends a layer reading `inbound` and infers its shape; a shape the
    // layer refuses is an error naming the node.
    std::size_t add_layer(const OnnxNode& n, LayerSpec l, const std::vector<TensorRef>& inbound, std::string name,
                          std::vector<std::vector<float>> weights = {});
    Value layer_value(std::size_t layer, Dims dims, std::vector<std::size_t> feature_layers = {}) const;
    // An image layer's output as ONNX dims [C, H, W].
    Value image_value(std::size_t layer) const;
    // A layer added earlier and its weights (Keras' order and layout), for a
    // translation that folds into it.
    LayerSpec& layer(std::size_t i) { return layers_[i]; }
    std::vector<std::vector<float>>& weights(std::size_t i) { return weights_[i]; }

    // ---- The graph ----
    long long opset() const { return opset_; }
    // The inputs' batch size, when the graph fixes it.
    std::optional<long long> fixed_batch() const { return fixed_batch_; }

private:
    [[noreturn]] void fail(const std::string& problem) const;
    void read_opset();
    // `given`: the input's shape from ReadOptions, if any.
    void read_input(const onnx::ValueInfoProto& in, const Shape* given);
    // Labels may only index an Embedding's table: every node that reads
    // integer input `input` is a Gather of it (or a Shape, which reads dims
    // only).
    void check_label_readers(const std::string& input) const;
    void node(const onnx::NodeProto& n, int index);
    // The layers the output depends on, in their order, and their weights.
    ModelWithWeights finish(const Value& out);

    const onnx::ModelProto& model_;
    std::string origin_;
    const OnnxOperators& operators_;
    const ReadOptions& options_;
    long long opset_ = 0;
    std::size_t computed_values_ = 0;  // in all constants the evaluations made
    std::optional<long long> fixed_batch_;
    std::map<std::string, Value> values_;
    std::map<std::string, int> readers_;  // per ONNX name: the nodes (but Shape) and graph outputs reading it
    std::vector<Shape> inputs_;
    std::vector<std::string> input_names_;
    std::vector<LayerSpec> layers_;
    std::vector<std::string> names_;
    std::vector<std::vector<std::vector<float>>> weights_;  // per layer, Keras' order and layout
};

}  // namespace ganforge
