// The facts each layer type states (core/layer_types.hpp), which the code
// generator, the CLI and the benchmark's peers read instead of listing kinds:
// every registered type states them all, they agree with one another, and
// the choices consumers' behaviour rests on hold.
#include <array>

#include <gtest/gtest.h>

#include <ganforge/ganforge.hpp>

namespace {

namespace gf = ganforge;
using gf::Activation;
using gf::LayerKind;

#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem) static_assert(gf::states_layer_facts<gf::type>());
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND

constexpr std::array kinds{
#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem) LayerKind::kind,
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND
};

gf::LayerSpec with_activation(LayerKind k, Activation a) {
    gf::LayerSpec l{.kind = k};
    l.activation = a;
    return l;
}

TEST(LayerFacts, AgreeWithOneAnother) {
    for (const LayerKind k : kinds) {
        SCOPED_TRACE(gf::keras_class_name(k));
        const gf::LayerSpec l{.kind = k};
        // What the affine collapse and the output range follow is one tensor.
        if (gf::is_affine(l) || gf::keeps_value_range(l) || gf::is_pointwise(l)) {
            EXPECT_FALSE(gf::takes_several_inputs(k));
        }
        // A linear layer's activation comes after its kernel: without one it
        // is affine, with one it is not.
        if (gf::is_linear_layer(l)) {
            EXPECT_TRUE(gf::applies_activation(l));
        }
        if (gf::applies_activation(l)) {
            EXPECT_TRUE(gf::is_affine(with_activation(k, Activation::linear)));
            EXPECT_FALSE(gf::is_affine(with_activation(k, Activation::tanh)));
        }
    }
}

// The choices the generated code and the pictures rest on.
TEST(LayerFacts, ChoicesConsumersRestOn) {
    // Linear, but left out of matrices: Conv2D takes ZeroPadding2D's zeros as
    // taps, and Cropping2D is read in place.
    EXPECT_FALSE(gf::is_affine(gf::ZeroPadding2D{}.spec()));
    EXPECT_FALSE(gf::is_affine(gf::Cropping2D{}.spec()));
    EXPECT_TRUE(gf::is_affine(gf::UpSampling2D{}.spec()));
    EXPECT_TRUE(gf::is_affine(gf::BatchNormalization{}.spec()));
    // An Activation layer applies its activation but is no linear layer: it
    // never closes a collapsed run as its epilogue.
    EXPECT_TRUE(gf::applies_activation(gf::ActivationLayer{}.spec()));
    EXPECT_FALSE(gf::is_linear_layer(gf::ActivationLayer{}.spec()));
    // Padding's zeros keep tanh's range; ReLU and a merge make their own.
    EXPECT_TRUE(gf::keeps_value_range(gf::ZeroPadding2D{}.spec()));
    EXPECT_FALSE(gf::keeps_value_range(gf::ReLU{}.spec()));
    EXPECT_FALSE(gf::keeps_value_range(gf::Concatenate{}.spec()));
    // Pointwise layers move across a nearest UpSampling2D; Dense mixes channels.
    EXPECT_TRUE(gf::is_pointwise(gf::Dropout{}.spec()));
    EXPECT_TRUE(gf::is_pointwise(gf::BatchNormalization{}.spec()));
    EXPECT_FALSE(gf::is_pointwise(gf::Dense{.units = 2}.spec()));
}

}  // namespace
