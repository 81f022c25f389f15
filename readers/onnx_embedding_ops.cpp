// PyTorch's nn.Embedding as ONNX writes it, a Gather of integer labels (an
// int64 or int32 graph input) from a constant table [labels, features], as
// Keras' Embedding: its table is Keras' embeddings as they are. The model
// takes the labels as float32 holding integers; the Embedding checks each
// against the table when it runs.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/layers/embedding.hpp>
#include "runtime/import_limits.hpp"
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {

void embedding(Translator& t, OnnxNode& n) {
    const OnnxConstant& table = t.constant_input(n, 0, "table");
    const Value& labels = t.tensor_input(n, 1);
    if (!labels.labels)
        n.attributes.fail(fmt::format("its indices (input 1, '{}') are a float tensor; ganforge reads a Gather of a "
                                      "tensor only as an Embedding of integer labels, an int64 or int32 graph input",
                                      n.proto.input(1)));
    if (n.attributes.integer("axis", 0) != 0) n.attributes.fail("an Embedding gathers rows: axis must be 0");
    if (table.is_int || table.dims.size() != 2 || table.dims[0] < 1 || table.dims[1] < 1 ||
        table.dims[0] > import_limits::max_units || table.dims[1] > import_limits::max_units)
        n.attributes.fail(fmt::format("its table [{}] is not a float [labels, features] matrix",
                                      fmt::join(table.dims, ", ")));
    const Embedding e{.input_dim = int(table.dims[0]), .output_dim = int(table.dims[1])};
    std::size_t layer = t.add_layer(n, e.spec(), {labels.ref}, n.name, {table.floats});
    // Keras' Embedding adds an axis to its input's shape; ganforge holds
    // [labels..., features] flat, as it holds every tensor that is not an image.
    Dims dims = labels.dims;
    dims.push_back(table.dims[1]);
    if (t.layer(layer).output_shape != ganforge_shape(dims)) {
        LayerSpec flat{.kind = LayerKind::reshape};
        flat.target_shape = ganforge_shape(dims);
        layer = t.add_layer(n, flat, {TensorRef{false, layer}}, n.name + "/flat");
    }
    t.set_output(n, t.layer_value(layer, dims));
}

}  // namespace ganforge::onnx_ops
