// Functional<...>: a graph declared in C++ (the documented conditional
// generator and a residual block): counts and shapes at compile time, the
// runtime description, Keras 2.2's functional summary, and the interpreter
// with several inputs.
#include <cmath>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ganforge/ganforge.hpp>

namespace {

namespace gf = ganforge;

using Cgan = gf::Functional<
    gf::Input{{100}, "latent"}, gf::Input{{1}, "label"},
    gf::Node{"embedding", gf::Embedding{.input_dim = 10, .output_dim = 50}, "label"},
    gf::Node{"label_dense", gf::Dense{.units = 49}},
    gf::Node{"label_map", gf::Reshape{{7, 7, 1}}},
    gf::Node{"latent_dense", gf::Dense{.units = 7 * 7 * 128}, "latent"},
    gf::Node{"latent_map", gf::Reshape{{7, 7, 128}}},
    gf::Node{"joined", gf::Concatenate{}, {"latent_map", "label_map"}},
    gf::Node{"image", gf::Conv2D{.filters = 1, .kernel_size = 7, .padding = gf::Padding::same,
                                 .activation = gf::Activation::tanh}}>;

static_assert(Cgan::input_count == 2);
static_assert(Cgan::input_shapes[1] == gf::Shape{1});
static_assert(Cgan::input_shape == gf::Shape{100});
static_assert(Cgan::layers[0].output_shape == gf::Shape{1, 50});
static_assert(Cgan::layers[5].output_shape == gf::Shape{7, 7, 129});
static_assert(Cgan::output_shape == gf::Shape{7, 7, 1});
// Embedding 10*50, Dense 50*49+49, Dense 100*6272+6272, Conv2D 7*7*129+1.
static_assert(Cgan::param_count == 500 + 2499 + 633472 + 6322);

// x -> conv -> conv, added back to x; then the product with x.
using Residual = gf::Functional<
    gf::Input{{4, 4, 2}},
    gf::Node{"c1", gf::Conv2D{.filters = 2, .kernel_size = 3, .padding = gf::Padding::same}},
    gf::Node{"c2", gf::Conv2D{.filters = 2, .kernel_size = 3, .padding = gf::Padding::same}},
    gf::Node{"sum", gf::Add{}, {"input_1", "c2"}},
    gf::Node{"gate", gf::Multiply{}, {"sum", "input_1"}},
    gf::Node{"framed", gf::ZeroPadding2D{.padding = {{1, 0}, {2, 1}}}},
    gf::Node{"cropped", gf::Cropping2D{.cropping = {{0, 1}, {1, 2}}}}>;
static_assert(Residual::output_shape == gf::Shape{4, 4, 2});

TEST(Functional, SpecKeepsNamesAndEdges) {
    const gf::ModelSpec spec = Cgan::spec();
    EXPECT_FALSE(spec.is_chain());
    EXPECT_THAT(spec.input_names, testing::ElementsAre("latent", "label"));
    EXPECT_EQ(spec.names[5], "joined");
    ASSERT_EQ(spec.layers[5].inbound_count, 2u);
    EXPECT_EQ(spec.layers[5].inbound[0], (gf::TensorRef{false, 4}));
    EXPECT_EQ(spec.layers[5].inbound[1], (gf::TensorRef{false, 2}));
    EXPECT_EQ(spec.layers[3].inbound[0], (gf::TensorRef{true, 0}));
}

// Keras 2.2 lists layers by decreasing depth from the output (the label is
// one layer deeper than the latent), ties in the order a walk from the
// output meets them: the latent branch before the label's, because
// Concatenate reads it first.
TEST(Functional, SummaryHasKerasFunctionalLayout) {
    EXPECT_EQ(gf::summary<Cgan>(),
              "__________________________________________________________________________________________________\n"
              "Layer (type)                    Output Shape         Param #     Connected to                     \n"
              "==================================================================================================\n"
              "label (InputLayer)              (None, 1)            0                                            \n"
              "__________________________________________________________________________________________________\n"
              "latent (InputLayer)             (None, 100)          0                                            \n"
              "__________________________________________________________________________________________________\n"
              "embedding (Embedding)           (None, 1, 50)        500         label[0][0]                      \n"
              "__________________________________________________________________________________________________\n"
              "latent_dense (Dense)            (None, 6272)         633472      latent[0][0]                     \n"
              "__________________________________________________________________________________________________\n"
              "label_dense (Dense)             (None, 1, 49)        2499        embedding[0][0]                  \n"
              "__________________________________________________________________________________________________\n"
              "latent_map (Reshape)            (None, 7, 7, 128)    0           latent_dense[0][0]               \n"
              "__________________________________________________________________________________________________\n"
              "label_map (Reshape)             (None, 7, 7, 1)      0           label_dense[0][0]                \n"
              "__________________________________________________________________________________________________\n"
              "joined (Concatenate)            (None, 7, 7, 129)    0           latent_map[0][0]                 \n"
              "                                                                 label_map[0][0]                  \n"
              "__________________________________________________________________________________________________\n"
              "image (Conv2D)                  (None, 7, 7, 1)      6322        joined[0][0]                     \n"
              "==================================================================================================\n"
              "Total params: 642,793\n"
              "Trainable params: 642,793\n"
              "Non-trainable params: 0\n"
              "__________________________________________________________________________________________________\n");
}

TEST(Functional, InterpreterTakesOneSpanPerInput) {
    const auto weights = gf::glorot_uniform<Cgan>(3);
    const gf::Interpreter<Cgan> net(weights);
    constexpr std::size_t batch = 2;
    std::vector<float> latent(batch * 100), labels{3.0f, 9.0f}, image(batch * 49), again(batch * 49);
    for (std::size_t i = 0; i < latent.size(); ++i) latent[i] = std::sin(float(i));
    net.predict({latent, labels}, image, batch);
    // The label steers the image: another label, another image.
    std::vector<float> other{4.0f, 9.0f};
    net.predict({latent, other}, again, batch);
    EXPECT_NE(std::vector<float>(image.begin(), image.begin() + 49), std::vector<float>(again.begin(), again.begin() + 49));
    EXPECT_EQ(std::vector<float>(image.begin() + 49, image.end()), std::vector<float>(again.begin() + 49, again.end()));

    std::vector<float> bad{10.0f, 0.0f};
    EXPECT_THROW(net.predict({latent, bad}, image, batch), gf::Error);
    EXPECT_THROW(net.predict(latent, image, batch), gf::Error);                // one span for two inputs
    EXPECT_THROW(net.predict({latent, labels, labels}, image, batch), gf::Error);
    EXPECT_THROW(net.predict({latent, {labels.data(), 1}}, image, batch), gf::Error);  // short label input
}

// Each merge and margin layer on values worked out by hand.
TEST(Functional, MergesPadsAndCropsByHand) {
    using M = gf::Functional<
        gf::Input{{1, 2, 1}, "a"}, gf::Input{{1, 2, 1}, "b"},
        gf::Node{"sum", gf::Add{}, {"a", "b", "b"}},
        gf::Node{"product", gf::Multiply{}, {"sum", "a"}},
        gf::Node{"rows", gf::Concatenate{.axis = 1}, {"product", "a"}},
        gf::Node{"padded", gf::ZeroPadding2D{.padding = {{0, 1}, {1, 0}}}},
        gf::Node{"cropped", gf::Cropping2D{.cropping = {{1, 0}, {0, 1}}}}>;
    static_assert(M::output_shape == gf::Shape{2, 2, 1});
    const gf::Interpreter<M> net(gf::Weights<M>{});
    const std::vector<float> a{1, 2}, b{10, 20};
    std::vector<float> out(4);
    net.predict({a, b}, out);
    // sum = a + 2b = [21, 42]; product = [21, 84]; rows = [[21, 84], [1, 2]];
    // padded (one zero column left, one zero row below) = [[0, 21, 84], [0, 1, 2], [0, 0, 0]];
    // cropped (top row, right column off) = [[0, 1], [0, 0]].
    EXPECT_THAT(out, testing::ElementsAre(0, 1, 0, 0));
}

}  // namespace
