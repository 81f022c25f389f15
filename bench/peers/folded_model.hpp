// The model as the peer libraries run it, built once from a ModelSpec and its
// weights so that every peer gets the same treatment (the same folding for
// all of them): a BatchNormalization that directly follows a Dense,
// Conv2D or Conv2DTranspose is folded into its kernel and bias, the
// activations that follow are attached as post-ops, Dropout disappears and a
// Dense on an image becomes the 1x1 Conv2D it is. A layer joins the op before
// it only when it alone reads that op's output, so a graph stays a graph:
// each op reads model inputs or earlier ops. Each peer translates these ops
// into its own primitives.
#pragma once

#include <string>
#include <vector>

#include <ganforge/runtime/weight_store.hpp>

namespace ganforge::bench {

// An elementwise function: a layer's activation, ReLU, LeakyReLU or an
// Activation layer; a LeakyReLU layer is Keras' leaky_relu function with the
// layer's slope. Never linear: an op without functions has none.
struct Eltwise {
    using Fn = Activation;
    Fn fn = Fn::relu;
    float alpha = leaky_relu_activation_slope;  // leaky_relu's slope

    // Keras' numerics on one float: for a peer that lacks the function.
    float operator()(float x) const;
};

struct FoldedOp {
    enum class Kind {
        dense,             // kernel [in, out]
        conv2d,            // kernel [kh, kw, in, out]
        conv2d_transpose,  // kernel [kh, kw, out, in]
        up_sampling2d,
        scale_shift,       // a BatchNormalization or Rescaling that could not be folded: x * scale + shift per channel
        eltwise,           // activations that follow no kernel: `post` holds them
        reshape,           // Reshape or Flatten: no data moves in NHWC
        concatenate,       // layer.axis, Keras' numbering
        add,
        multiply,
        embedding,         // kernel: the table [input_dim, output_dim]
        zero_padding2d,    // layer.margins
        cropping2d,        // layer.margins
    };
    Kind kind = Kind::reshape;
    LayerSpec layer;             // the (first) layer, with its input and output shapes
    // What it reads, in order: a model input, or an earlier op's output
    // (index into FoldedModel::ops).
    std::vector<TensorRef> inputs;
    std::vector<Shape> input_shapes;
    std::string name;            // the Keras layers it stands for: "dense_1 + batch_normalization_1 + re_lu_1"
    std::vector<float> kernel;   // Keras layout, BatchNormalization folded in
    std::vector<float> bias;     // one per output channel (zeros when the layer has none)
    std::vector<float> scale;    // scale_shift, per channel
    std::vector<float> shift;
    std::vector<Eltwise> post;   // applied in order after the op (the op itself for eltwise)
    Shape output_shape;          // after the whole group
};

struct FoldedModel {
    std::vector<FoldedOp> ops;
    TensorRef output;  // the op (or model input) holding the model's output
};

FoldedModel fold_for_peers(const WeightStore& weights);

// Keras' padding as explicit amounts: for a Conv2D, zeros added around the
// input; for a Conv2DTranspose, rows and columns cropped from its full output
// ((in - 1) * stride + kernel), where a negative end means the output is that
// much larger than the full one (kernel < stride: those positions hold only
// the bias).
struct Pads {
    long top = 0, bottom = 0, left = 0, right = 0;
};
Pads conv2d_pads(const LayerSpec& conv);
Pads conv2d_transpose_crops(const LayerSpec& tconv);

}  // namespace ganforge::bench
