// ganforge::summary against Keras 2.2's model.summary(): the tutorial's four
// printed summaries byte for byte, then chains that exercise the rest of the
// layout: class names cut to the column (BatchNormalization, LeakyReLU,
// Conv2DTranspose, UpSampling2D), per-class numbering past 9, thousands
// separators, a Non-trainable line with BatchNormalization, and fields cut
// in the shape and parameter columns. The expected texts of the other chains
// were printed by a line-for-line Python port of Keras 2.2.4's print_summary
// and _to_snake_case.
#include <string>

#include <gtest/gtest.h>

#include "examples/models.hpp"
#include <ganforge/ganforge.hpp>

#include "test_support.hpp"

namespace {

namespace gf = ganforge;
using foundation_tests::read_shared_file;

TEST(Summary, TutorialUpSampling2D) {
    EXPECT_EQ(gf::summary<examples::Upsample2x2>(), read_shared_file("seed/summary-upsampling2d-2x2.txt"));
}

TEST(Summary, TutorialConv2DTranspose) {
    EXPECT_EQ(gf::summary<examples::Tconv1x1Stride2>(),
              read_shared_file("seed/summary-conv2d-transpose-1x1.txt"));
}

TEST(Summary, TutorialGeneratorWithUpSampling2D) {
    EXPECT_EQ(gf::summary<examples::SeedUpsample>(),
              read_shared_file("seed/summary-generator-upsampling.txt"));
}

TEST(Summary, TutorialGeneratorWithConv2DTranspose) {
    EXPECT_EQ(gf::summary<examples::SeedTconv>(),
              read_shared_file("seed/summary-generator-transpose.txt"));
}

// TensorFlow's DCGAN tutorial generator: 2,330,944 parameters, 25,472 of
// them the moving statistics.
using TfDcgan = gf::Sequential<
    gf::Input{{100}}, gf::Dense{.units = 7 * 7 * 256, .use_bias = false},
    gf::BatchNormalization{}, gf::LeakyReLU{}, gf::Reshape{{7, 7, 256}},
    gf::Conv2DTranspose{.filters = 128, .kernel_size = 5, .strides = 1,
                        .padding = gf::Padding::same, .use_bias = false},
    gf::BatchNormalization{}, gf::LeakyReLU{},
    gf::Conv2DTranspose{.filters = 64, .kernel_size = 5, .strides = 2,
                        .padding = gf::Padding::same, .use_bias = false},
    gf::BatchNormalization{}, gf::LeakyReLU{},
    gf::Conv2DTranspose{.filters = 1, .kernel_size = 5, .strides = 2,
                        .padding = gf::Padding::same, .activation = gf::Activation::tanh,
                        .use_bias = false}>;

TEST(Summary, BatchNormalizationCountsNonTrainableParams) {
    EXPECT_EQ(gf::summary<TfDcgan>(), R"(_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
dense_1 (Dense)              (None, 12544)             1254400   
_________________________________________________________________
batch_normalization_1 (Batch (None, 12544)             50176     
_________________________________________________________________
leaky_re_lu_1 (LeakyReLU)    (None, 12544)             0         
_________________________________________________________________
reshape_1 (Reshape)          (None, 7, 7, 256)         0         
_________________________________________________________________
conv2d_transpose_1 (Conv2DTr (None, 7, 7, 128)         819200    
_________________________________________________________________
batch_normalization_2 (Batch (None, 7, 7, 128)         512       
_________________________________________________________________
leaky_re_lu_2 (LeakyReLU)    (None, 7, 7, 128)         0         
_________________________________________________________________
conv2d_transpose_2 (Conv2DTr (None, 14, 14, 64)        204800    
_________________________________________________________________
batch_normalization_3 (Batch (None, 14, 14, 64)        256       
_________________________________________________________________
leaky_re_lu_3 (LeakyReLU)    (None, 14, 14, 64)        0         
_________________________________________________________________
conv2d_transpose_3 (Conv2DTr (None, 28, 28, 1)         1600      
=================================================================
Total params: 2,330,944
Trainable params: 2,305,472
Non-trainable params: 25,472
_________________________________________________________________
)");
}

// Every other class once, Dense on an image, BatchNormalization without
// beta and without gamma.
using EveryClass = gf::Sequential<
    gf::Input{{8, 8, 3}}, gf::Dense{.units = 16}, gf::BatchNormalization{.center = false},
    gf::ReLU{}, gf::Conv2D{.filters = 4, .kernel_size = 3},
    gf::ActivationLayer{.activation = gf::Activation::tanh}, gf::Flatten{}, gf::Dropout{.rate = 0.5f},
    gf::Dense{.units = 10}, gf::BatchNormalization{.scale = false},
    gf::Dense{.units = 1, .activation = gf::Activation::sigmoid}>;

TEST(Summary, EveryLayerClass) {
    EXPECT_EQ(gf::summary<EveryClass>(), R"(_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
dense_1 (Dense)              (None, 8, 8, 16)          64        
_________________________________________________________________
batch_normalization_1 (Batch (None, 8, 8, 16)          48        
_________________________________________________________________
re_lu_1 (ReLU)               (None, 8, 8, 16)          0         
_________________________________________________________________
conv2d_1 (Conv2D)            (None, 6, 6, 4)           580       
_________________________________________________________________
activation_1 (Activation)    (None, 6, 6, 4)           0         
_________________________________________________________________
flatten_1 (Flatten)          (None, 144)               0         
_________________________________________________________________
dropout_1 (Dropout)          (None, 144)               0         
_________________________________________________________________
dense_2 (Dense)              (None, 10)                1450      
_________________________________________________________________
batch_normalization_2 (Batch (None, 10)                30        
_________________________________________________________________
dense_3 (Dense)              (None, 1)                 11        
=================================================================
Total params: 2,183
Trainable params: 2,131
Non-trainable params: 52
_________________________________________________________________
)");
}

// A shape wider than its column and a count wider than its column are cut
// as Keras cuts them (the count loses its last digits).
using Huge = gf::Sequential<gf::Input{{100'000}}, gf::Dense{.units = 100'000},
                            gf::Reshape{{100'000, 1, 1}}, gf::UpSampling2D{.size = {1000, 100'000}}>;

TEST(Summary, FieldsWiderThanTheirColumnAreCut) {
    EXPECT_EQ(gf::summary<Huge>(), R"(_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
dense_1 (Dense)              (None, 100000)            1000010000
_________________________________________________________________
reshape_1 (Reshape)          (None, 100000, 1, 1)      0         
_________________________________________________________________
up_sampling2d_1 (UpSampling2 (None, 100000000, 100000, 0         
=================================================================
Total params: 10,000,100,000
Trainable params: 10,000,100,000
Non-trainable params: 0
_________________________________________________________________
)");
}

// Names numbered past 9 make the cut fall one character earlier.
using Deep = gf::Sequential<
    gf::Input{{4}}, gf::BatchNormalization{}, gf::LeakyReLU{}, gf::BatchNormalization{},
    gf::LeakyReLU{}, gf::BatchNormalization{}, gf::LeakyReLU{}, gf::BatchNormalization{},
    gf::LeakyReLU{}, gf::BatchNormalization{}, gf::LeakyReLU{}, gf::BatchNormalization{},
    gf::LeakyReLU{}, gf::BatchNormalization{}, gf::LeakyReLU{}, gf::BatchNormalization{},
    gf::LeakyReLU{}, gf::BatchNormalization{}, gf::LeakyReLU{}, gf::BatchNormalization{},
    gf::LeakyReLU{}>;

TEST(Summary, TwoDigitLayerNumbers) {
    EXPECT_EQ(gf::summary<Deep>(), R"(_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
batch_normalization_1 (Batch (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_1 (LeakyReLU)    (None, 4)                 0         
_________________________________________________________________
batch_normalization_2 (Batch (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_2 (LeakyReLU)    (None, 4)                 0         
_________________________________________________________________
batch_normalization_3 (Batch (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_3 (LeakyReLU)    (None, 4)                 0         
_________________________________________________________________
batch_normalization_4 (Batch (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_4 (LeakyReLU)    (None, 4)                 0         
_________________________________________________________________
batch_normalization_5 (Batch (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_5 (LeakyReLU)    (None, 4)                 0         
_________________________________________________________________
batch_normalization_6 (Batch (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_6 (LeakyReLU)    (None, 4)                 0         
_________________________________________________________________
batch_normalization_7 (Batch (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_7 (LeakyReLU)    (None, 4)                 0         
_________________________________________________________________
batch_normalization_8 (Batch (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_8 (LeakyReLU)    (None, 4)                 0         
_________________________________________________________________
batch_normalization_9 (Batch (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_9 (LeakyReLU)    (None, 4)                 0         
_________________________________________________________________
batch_normalization_10 (Batc (None, 4)                 16        
_________________________________________________________________
leaky_re_lu_10 (LeakyReLU)   (None, 4)                 0         
=================================================================
Total params: 160
Trainable params: 80
Non-trainable params: 80
_________________________________________________________________
)");
}

// A model read from a file keeps the file's names (tfjs numbers from 0).
TEST(Summary, NamesFromAFileAreKept) {
    gf::ModelSpec spec = examples::SeedTconv::spec();
    spec.names = {"dense", "reshape", "conv2d_transpose"};
    const std::string text = gf::summary(spec);
    EXPECT_NE(text.find("\ndense (Dense)                (None, 3200)              323200    \n"),
              std::string::npos) << text;
    EXPECT_NE(text.find("\nconv2d_transpose (Conv2DTran (None, 10, 10, 1)         1153      \n"),
              std::string::npos) << text;
}

}  // namespace
