// ganforge::load_weights<Model> with models declared in C++ (not imported):
// the file's layers are matched in order whatever their names, tensors by
// role; every mismatch names the layer, the tensor and what differs.
#include <atomic>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ganforge/ganforge.hpp>
#include "examples/models.hpp"

#include "keras_variants.hpp"
#include "refcase.hpp"

namespace {

namespace gf = ganforge;
using ::testing::HasSubstr;

std::string error_of(auto load) {
    try {
        load();
    } catch (const gf::Error& e) {
        return e.what();
    }
    return "(no error)";
}

template <gf::Model M>
void expect_reproduces(const std::string& name, const std::filesystem::path& file) {
    const auto w = gf::load_weights<M>(file);
    const auto input = refcase::read_floats(refcase::case_dir(name) / "input.bin");
    const auto expected = refcase::read_floats(refcase::expected_output(name));
    std::vector<float> out(expected.size());
    gf::Interpreter<M>(w).predict(input, out, input.size() / M::input_shape.size());
    EXPECT_TRUE(refcase::near_reference(out, expected));
}

// dcgan_bn_small declared in C++ (Keras 2.2 names: dense_1, ...).
using DcganBnSmall = gf::Sequential<
    gf::Input{{100}}, gf::Dense{.units = 1024, .use_bias = false}, gf::BatchNormalization{}, gf::ReLU{},
    gf::Reshape{{4, 4, 64}},
    gf::Conv2DTranspose{.filters = 32, .kernel_size = {5, 5}, .strides = {2, 2}, .padding = gf::Padding::same,
                        .use_bias = false},
    gf::BatchNormalization{}, gf::ReLU{},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = {5, 5}, .strides = {2, 2}, .padding = gf::Padding::same,
                        .activation = gf::Activation::tanh}>;

// The tutorial's generators as examples/models.hpp declares them (Keras 2.2
// names dense_1, ...) read the reference cases' files (names dense, ...).
TEST(LoadWeights, DeclaredModelsReadReferenceFiles) {
    expect_reproduces<examples::SeedTconv>("seed_generator_tconv", refcase::case_dir("seed_generator_tconv") / "model.json");
    expect_reproduces<examples::SeedUpsample>("seed_generator_upsample",
                                              refcase::case_dir("seed_generator_upsample") / "model.json");
}

TEST(LoadWeights, SameFromTheHdf5Layouts) {
    const refcase::TempDir dir("load_weights");
    const auto json = refcase::case_dir("seed_generator_tconv") / "model.json";
    for (const auto style : {test_h5::Style::keras2, test_h5::Style::keras2_weights, test_h5::Style::keras3}) {
        const auto h5 = dir / "seed_tconv.h5";
        test_h5::write(h5, keras_variants::h5_file(json, style));
        expect_reproduces<examples::SeedTconv>("seed_generator_tconv", h5);
    }
}

// Keras 3's .weights.h5 and .keras: paths from the layers' classes and order
// (layers/dense, layers/conv2d_transpose), so the C++ declaration's Keras 2.2
// names do not matter.
TEST(LoadWeights, SameFromKeras3WeightsAndArchive) {
    const refcase::TempDir dir("load_weights_keras3");
    const auto json = refcase::case_dir("dcgan_bn_small") / "model.json";
    const auto config = keras_variants::keras3(keras_variants::tfjs_topology(json));
    test_h5::write(dir / "model.weights.h5", keras_variants::keras3_saving_file(json, config));
    keras_variants::write_keras_archive(dir / "model.keras", config, dir / "model.weights.h5");
    expect_reproduces<DcganBnSmall>("dcgan_bn_small", dir / "model.weights.h5");
    expect_reproduces<DcganBnSmall>("dcgan_bn_small", dir / "model.keras");
}

TEST(LoadWeights, Keras3WeightsNameThePathAndWhatDiffers) {
    const refcase::TempDir dir("load_weights_keras3_bad");
    const auto json = refcase::case_dir("seed_generator_tconv") / "model.json";
    const auto config = keras_variants::keras3(keras_variants::tfjs_topology(json));
    auto file = keras_variants::keras3_saving_file(json, config);
    test_h5::write(dir / "ok.weights.h5", file);
    using NoBias = gf::Sequential<gf::Input{{100}}, gf::Dense{.units = 3200}, gf::Reshape{{5, 5, 128}},
                                  gf::Conv2DTranspose{.filters = 1, .kernel_size = {3, 3}, .strides = {2, 2},
                                                      .padding = gf::Padding::same, .use_bias = false}>;
    EXPECT_THAT(error_of([&] { gf::load_weights<NoBias>(dir / "ok.weights.h5"); }),
                HasSubstr("/layers/conv2d_transpose/vars: holds more than the 1 variables of layer 3 "
                          "'conv2d_transpose_1' (Conv2DTranspose); use_bias is false in the model"));
    EXPECT_THAT(error_of([&] { gf::load_weights<examples::SeedUpsample>(dir / "ok.weights.h5"); }),
                HasSubstr("no weights for layer 4 'conv2d_1' (Conv2D): Keras 3 keeps them at layers/conv2d/vars"));
    file.layers.front().last_unwritten = true;
    test_h5::write(dir / "short.weights.h5", file);
    EXPECT_THAT(error_of([&] { gf::load_weights<examples::SeedTconv>(dir / "short.weights.h5"); }),
                HasSubstr("/layers/dense/vars: has no bias (variable 1) for layer 1 'dense_1' (Dense)"));
}

TEST(LoadWeights, WrongModelNamesLayerTensorAndShapes) {
    const auto file = refcase::case_dir("seed_generator_tconv") / "model.json";
    EXPECT_THAT(error_of([&] { gf::load_weights<examples::SeedUpsample>(file); }),
                HasSubstr("model.json: layer 4 'conv2d_1' (Conv2D), 'conv2d_transpose' in the file: kernel "
                          "'conv2d_transpose/kernel' is [3, 3, 1, 128] in the file, the model needs [3, 3, 128, 1]"));
    using NoBias = gf::Sequential<gf::Input{{100}}, gf::Dense{.units = 3200}, gf::Reshape{{5, 5, 128}},
                                  gf::Conv2DTranspose{.filters = 1, .kernel_size = {3, 3}, .strides = {2, 2},
                                                      .padding = gf::Padding::same, .use_bias = false}>;
    EXPECT_THAT(error_of([&] { gf::load_weights<NoBias>(file); }),
                HasSubstr("layer 3 'conv2d_transpose_1' (Conv2DTranspose), 'conv2d_transpose' in the file: the file "
                          "has 'conv2d_transpose/bias' [1], which the model's layer does not have (use_bias is false "
                          "in the model)"));
    using Longer = gf::Sequential<gf::Input{{100}}, gf::Dense{.units = 3200}, gf::Reshape{{5, 5, 128}},
                                  gf::Conv2DTranspose{.filters = 1, .kernel_size = {3, 3}, .strides = {2, 2},
                                                      .padding = gf::Padding::same},
                                  gf::Flatten{}, gf::Dense{.units = 1}>;
    EXPECT_THAT(error_of([&] { gf::load_weights<Longer>(file); }),
                HasSubstr("the file has weights for 2 layers, the model has 3 layers with weights: nothing for layer "
                          "5 'dense_2' (Dense)"));
    using Shorter = gf::Sequential<gf::Input{{100}}, gf::Dense{.units = 3200}>;
    EXPECT_THAT(error_of([&] { gf::load_weights<Shorter>(file); }),
                HasSubstr("the model has 1 layers with weights: the file's layer 'conv2d_transpose' (holding "
                          "'conv2d_transpose/kernel', 'conv2d_transpose/bias') is left over"));
}

TEST(LoadWeights, BatchNormalizationStatisticsByNameNotPosition) {
    // tfjs lists moving_mean / moving_variance after every trainable weight;
    // reading by position would put conv kernels into the statistics.
    expect_reproduces<DcganBnSmall>("dcgan_bn_small", refcase::case_dir("dcgan_bn_small") / "model.json");
}

// HDF5 (Debian's build is not thread-safe) is used by one thread at a time.
TEST(LoadWeights, ThreadsReadHdf5FilesAtOnce) {
    const refcase::TempDir dir("load_weights_threads");
    const auto json = refcase::case_dir("seed_generator_tconv") / "model.json";
    test_h5::write(dir / "a.h5", keras_variants::h5_file(json, test_h5::Style::keras2));
    test_h5::write(dir / "b.h5", keras_variants::h5_file(json, test_h5::Style::keras3));
    const auto expected = gf::load_weights<examples::SeedTconv>(json).get_weights();
    std::vector<std::thread> threads;
    std::atomic<int> matches = 0;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i)
                if (gf::load_weights<examples::SeedTconv>(dir / (t % 2 ? "a.h5" : "b.h5")).get_weights() == expected)
                    ++matches;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(matches, 20);
}

}  // namespace
