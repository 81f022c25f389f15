// The operators that map each value of one tensor alone (activations, and
// Dropout, which inference passes through): the output keeps the input's
// dims, and a Dense's features before it may still be reordered.
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {

void pointwise(Translator& t, OnnxNode& n, LayerSpec l) {
    const Value& x = t.tensor_input(n, 0);
    std::vector<std::size_t> features = t.inherited(n, x);
    t.set_output(n, t.layer_value(t.add_layer(n, l, {x.ref}, n.name), x.dims, std::move(features)));
}

void activation(Translator& t, OnnxNode& n, Activation a) {
    LayerSpec l{.kind = LayerKind::activation};
    l.activation = a;
    pointwise(t, n, l);
}

void dropout(Translator& t, OnnxNode& n) {
    n.attributes.ignore("ratio");
    n.attributes.ignore("seed");
    if (n.attributes.integer("is_test", 1) == 0) n.attributes.fail("is_test 0 (training) is not supported");
    if (t.has_input(n, 2)) {
        const OnnxConstant& training = t.constant_input(n, 2, "training_mode");
        if (training.size() != 1 || training.number(0) != 0) n.attributes.fail("training_mode must be false");
    }
    t.alias(n, 0);
}

}  // namespace ganforge::onnx_ops
