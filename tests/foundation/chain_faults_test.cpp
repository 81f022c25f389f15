// Every fault of Keras' shape rules, worded: the message a model read from a
// file gets (make_model_spec, as the importers call it), word for word, and
// the same text at compile time, where the DSL reports it.
#include <array>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <ganforge/ganforge.hpp>

namespace {

namespace gf = ganforge;
using gf::Shape;

struct Fault {
    const char* name;
    std::vector<Shape> inputs;
    std::vector<gf::LayerSpec> layers;
    const char* message;
};

// A layer that reads the given tensors.
gf::LayerSpec reading(gf::LayerSpec l, std::vector<gf::TensorRef> inbound) {
    for (const gf::TensorRef r : inbound) l.inbound[l.inbound_count++] = r;
    return l;
}
constexpr gf::TensorRef input(std::size_t k) { return {true, k}; }
constexpr gf::TensorRef layer(std::size_t k) { return {false, k}; }

class ChainFaults : public testing::TestWithParam<Fault> {};

TEST_P(ChainFaults, RunTimeMessage) {
    const Fault& f = GetParam();
    try {
        gf::make_model_spec(f.inputs, f.layers, {}, "model.json");
        FAIL() << "no error";
    } catch (const gf::Error& e) {
        EXPECT_EQ(e.what(), std::string("model.json: ") + f.message);
    }
}

INSTANTIATE_TEST_SUITE_P(
    EveryFault, ChainFaults,
    testing::Values(
        Fault{"input_zero_extent", {{5, 0, 1}}, {gf::Dense{.units = 2}.spec()},
              "Input: every extent of shape must be positive"},
        Fault{"dense_units", {{100}}, {gf::Dense{.units = 0}.spec()},
              "Dense (layer 1, 'dense_1'): units must be positive, got 0"},
        Fault{"conv2d_filters", {{8, 8, 3}}, {gf::Conv2D{.filters = -4, .kernel_size = 3}.spec()},
              "Conv2D (layer 1, 'conv2d_1'): filters must be positive, got -4"},
        Fault{"conv2d_transpose_filters", {{8, 8, 3}},
              {gf::ReLU{}.spec(), gf::Conv2DTranspose{.kernel_size = 3}.spec()},
              "Conv2DTranspose (layer 2, 'conv2d_transpose_1'): filters must be positive, got 0"},
        Fault{"embedding_output_dim", {{1}}, {gf::Embedding{.input_dim = 4}.spec()},
              "Embedding (layer 1, 'embedding_1'): output_dim must be positive, got 0"},
        Fault{"embedding_input_dim", {{1}}, {gf::Embedding{.input_dim = -2, .output_dim = 4}.spec()},
              "Embedding (layer 1, 'embedding_1'): input_dim must be positive, got -2"},
        Fault{"embedding_rank", {{2, 2, 1}}, {gf::Embedding{.input_dim = 4, .output_dim = 2}.spec()},
              "Embedding (layer 1, 'embedding_1'): its output would have 4 axes besides the batch; ganforge "
              "tensors have at most 3"},
        Fault{"kernel_size", {{8, 8, 3}}, {gf::Conv2D{.filters = 4}.spec()},
              "Conv2D (layer 1, 'conv2d_1'): kernel_size must be positive, got (0, 0)"},
        Fault{"strides", {{8, 8, 3}}, {gf::Conv2DTranspose{.filters = 4, .kernel_size = 3, .strides = {2, -2}}.spec()},
              "Conv2DTranspose (layer 1, 'conv2d_transpose_1'): strides must be positive, got (2, -2)"},
        Fault{"size", {{8, 8, 3}}, {gf::UpSampling2D{.size = {2, 0}}.spec()},
              "UpSampling2D (layer 1, 'up_sampling2d_1'): size must be positive, got (2, 0)"},
        Fault{"flat_input", {{100}}, {gf::Conv2D{.filters = 1, .kernel_size = 3}.spec()},
              "Conv2D (layer 1, 'conv2d_1'): needs an image input (height, width, channels), got a flat one of "
              "100 values"},
        Fault{"sequence_input", {{4, 5}}, {gf::Cropping2D{}.spec()},
              "Cropping2D (layer 1, 'cropping2d_1'): needs an image input (height, width, channels), got (4, 5)"},
        Fault{"kernel_larger_than_input", {{2, 2, 1}}, {gf::Conv2D{.filters = 1, .kernel_size = {3, 2}}.spec()},
              "Conv2D (layer 1, 'conv2d_1'): kernel_size (3, 2) is larger than its input (2, 2) with "
              "padding='valid'"},
        Fault{"target_shape_zero", {{100}}, {gf::Reshape{{0, 10, 10}}.spec()},
              "Reshape (layer 1, 'reshape_1'): every extent of target_shape must be positive"},
        Fault{"target_shape_count", {{100}}, {gf::Dense{.units = 3200}.spec(), gf::Reshape{{5, 5, 127}}.spec()},
              "Reshape (layer 2, 'reshape_1'): target_shape holds 3175 values, its input 3200"},
        Fault{"rate_above_one", {{10}}, {gf::Dropout{.rate = 1.5f}.spec()},
              "Dropout (layer 1, 'dropout_1'): rate must be in [0, 1], got 1.5"},
        Fault{"rate_negative", {{10}}, {gf::Dropout{.rate = -0.1f}.spec()},
              "Dropout (layer 1, 'dropout_1'): rate must be in [0, 1], got -0.1"},
        Fault{"rate_slightly_negative", {{10}}, {gf::Dropout{.rate = -2e-5f}.spec()},
              "Dropout (layer 1, 'dropout_1'): rate must be in [0, 1], got -2e-05"},
        Fault{"rate_large", {{10}}, {gf::Dropout{.rate = 1234.5f}.spec()},
              "Dropout (layer 1, 'dropout_1'): rate must be in [0, 1], got 1234.499968"},
        Fault{"reads_a_missing_input", {{4}}, {reading(gf::Dense{.units = 2}.spec(), {input(3)})},
              "Dense (layer 1, 'dense_1'): input 1 is model input 4, but the model has 1"},
        Fault{"reads_a_later_layer", {{4}}, {gf::ReLU{}.spec(), reading(gf::Dense{.units = 2}.spec(), {layer(5)})},
              "Dense (layer 2, 'dense_1'): input 1 is layer 6, which does not come before it"},
        Fault{"one_input_layer_reads_two", {{4}}, {reading(gf::Dense{.units = 2}.spec(), {input(0), input(0)})},
              "Dense (layer 1, 'dense_1'): takes one input, got 2"},
        Fault{"merge_reads_too_many", {{4}},
              {[] {
                  gf::LayerSpec l = gf::Add{}.spec();
                  l.inbound_count = gf::max_layer_inputs + 1;
                  return l;
              }()},
              "Add (layer 1, 'add_1'): takes at most 16 inputs, got 17"},
        Fault{"axis_out_of_range", {{4}, {4}}, {reading(gf::Concatenate{.axis = 2}.spec(), {input(0), input(1)})},
              "Concatenate (layer 1, 'concatenate_1'): axis 2 is outside its inputs' 2 axes (the batch axis is 0)"},
        Fault{"concatenate_inputs_differ", {{4, 4, 2}, {4, 5, 2}},
              {reading(gf::Concatenate{}.spec(), {input(0), input(1)})},
              "Concatenate (layer 1, 'concatenate_1'): input 1 (4, 4, 2) and input 2 (4, 5, 2) differ on an axis "
              "other than the one joined (axis -1)"},
        Fault{"add_inputs_differ", {{8}, {3}}, {reading(gf::Add{}.spec(), {input(0), input(1)})},
              "Add (layer 1, 'add_1'): input 1 (8) and input 2 (3) differ; Add needs equal shapes (it does not "
              "broadcast)"},
        Fault{"multiply_ranks_differ", {{4}, {2, 2}}, {reading(gf::Multiply{}.spec(), {input(0), input(0), input(1)})},
              "Multiply (layer 1, 'multiply_1'): input 1 (4) and input 3 (2, 2) differ; Multiply needs equal shapes "
              "(it does not broadcast)"},
        Fault{"padding_negative", {{4, 4, 1}}, {gf::ZeroPadding2D{.padding = {{1, -1}, {0, 2}}}.spec()},
              "ZeroPadding2D (layer 1, 'zero_padding2d_1'): padding must not be negative, got ((1, -1), (0, 2))"},
        Fault{"cropping_negative", {{4, 4, 1}}, {gf::Cropping2D{.cropping = -1}.spec()},
              "Cropping2D (layer 1, 'cropping2d_1'): cropping must not be negative, got ((-1, -1), (-1, -1))"},
        Fault{"cropping_everything", {{4, 4, 1}}, {gf::Cropping2D{.cropping = {{2, 2}, {0, 1}}}.spec()},
              "Cropping2D (layer 1, 'cropping2d_1'): cropping 4 rows of 4 and 1 columns of 4 leaves nothing"},
        Fault{"output_padding_with_same", {{4, 4, 1}},
              {gf::Conv2DTranspose{.filters = 2, .kernel_size = 3, .strides = 2, .padding = gf::Padding::same,
                                   .output_padding = 1}
                   .spec()},
              "Conv2DTranspose (layer 1, 'conv2d_transpose_1'): output_padding (1, 1) needs padding 'valid'"},
        Fault{"output_padding_not_below_strides", {{4, 4, 1}},
              {gf::Conv2DTranspose{.filters = 2, .kernel_size = 3, .strides = {2, 3}, .output_padding = {1, 3}}
                   .spec()},
              "Conv2DTranspose (layer 1, 'conv2d_transpose_1'): output_padding (1, 3) must be at least 0 and less "
              "than strides (2, 3)"}),
    [](const auto& info) { return std::string(info.param.name); });

// What the DSL's static_assert shows (dsl/chain_diagnostics.hpp), built at
// compile time by the same rule.
constexpr gf::FaultText reshape_fault_at_compile_time = [] {
    std::array<gf::LayerSpec, 2> layers{gf::Dense{.units = 3200}.spec(), gf::Reshape{{5, 5, 127}}.spec()};
    return gf::chain_error_text(gf::infer_shapes(Shape{100}, layers));
}();
static_assert(reshape_fault_at_compile_time.view() ==
              "Reshape (layer 2): target_shape holds 3175 values, its input 3200");

// Dropout's rate, kept in millionths, reads as {fmt} writes the double, for
// every count of fewer than 16 digits (a rate below a billion).
TEST(FaultText, MillionthsAsFmtWritesThem) {
    std::vector<long long> counts{0, 1, 9, 10, 15, 99, 100, 101, 1'000'000, 1'500'000, -2'000'000, 1'234'499'968};
    for (long long n = -3'000'000; n <= 3'000'000; n += 997) counts.push_back(n);
    for (long long n = 1; n < 1'000'000'000'000'000; n = n * 7 + 3) counts.push_back(n);
    for (long long n = 999'999'999'999'999; n > 0; n /= 3) counts.push_back(-n);
    for (const long long n : counts) {
        gf::FaultText t;
        t.append(gf::Millionths{n});
        EXPECT_EQ(t.view(), fmt::format("{}", double(n) / 1e6)) << n;
    }
}

TEST(FaultText, CutAtItsCapacity) {
    gf::FaultText t;
    for (int i = 0; i < 100; ++i) t.append("abc");
    EXPECT_EQ(t.size(), gf::FaultText::capacity);
}

}  // namespace
