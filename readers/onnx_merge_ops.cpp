// The operators that join tensors into one: Add and Mul of tensors of the
// same dims (Keras' Add, Multiply), Concat (Concatenate). A constant
// operand of Add is a Linear's bias, else one value added to or multiplying
// every value (Rescaling: ESRGAN's residuals scaled by 0.2); constants alone
// are computed elsewhere (onnx_constant_arithmetic.cpp,
// onnx_constant_indexing.cpp).
#include <climits>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <onnx/onnx_pb.h>

#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {

void merge(Translator& t, OnnxNode& n, bool multiply) {
    const Value& a = t.input(n, 0);
    const Value& b = t.input(n, 1);
    if (!a.constant && !b.constant) {
        if (a.dims != b.dims)
            n.attributes.fail(fmt::format("it broadcasts [{}] against [{}]; ganforge adds tensors of equal shape",
                                          fmt::join(a.dims, ", "), fmt::join(b.dims, ", ")));
        LayerSpec l{.kind = multiply ? LayerKind::multiply : LayerKind::add};
        return t.set_output(n, t.layer_value(t.add_layer(n, l, {a.ref, b.ref}, n.name), a.dims));
    }
    const int tensor = a.constant ? 1 : 0;
    if (!multiply && add_matmul_bias(t, n, tensor)) return;
    const Value& x = t.tensor_input(n, tensor);
    const OnnxConstant& c = *t.input(n, 1 - tensor).constant;
    if (c.is_int || c.size() != 1 || c.dims.size() > x.full_dims().size())
        n.attributes.fail(fmt::format("its constant operand [{}] is neither one float (a Rescaling) nor the bias of "
                                      "the MatMul before it",
                                      fmt::join(c.dims, ", ")));
    LayerSpec l{.kind = LayerKind::rescaling};
    (multiply ? l.multiplier : l.offset) = c.floats[0];
    t.set_output(n, t.layer_value(t.add_layer(n, l, {x.ref}, n.name), x.dims, t.inherited(n, x, tensor)));
}

void concat(Translator& t, OnnxNode& n) {
    const long long axis = n.attributes.integer("axis", LLONG_MIN);
    if (axis == LLONG_MIN) n.attributes.fail("attribute 'axis' is missing");
    const Value& first = t.tensor_input(n, 0);
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
        const Value& v = t.tensor_input(n, j);
        if (v.dims.size() != first.dims.size())
            n.attributes.fail(fmt::format("input {} has {} dimensions, input 0 {}", j, v.dims.size() + 1, rank));
        if (j > 0) dims[std::size_t(a - 1)] += v.dims[std::size_t(a - 1)];
        inbound.push_back(v.ref);
    }
    if (inbound.size() > max_layer_inputs)
        n.attributes.fail(fmt::format("{} inputs is more than {}", inbound.size(), max_layer_inputs));
    t.set_output(n, t.layer_value(t.add_layer(n, l, inbound, n.name), dims));
}

}  // namespace ganforge::onnx_ops
