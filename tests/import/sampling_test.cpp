// The pieces of `ganforge sample`: a fully specified standard-normal
// generator, the output-range rule and the mapping to 8-bit pixels.
#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include <ganforge/ganforge.hpp>

#include "image_grid.hpp"
#include "standard_normal.hpp"

namespace {

namespace gf = ganforge;
using ganforge::cli::PixelRange;

// splitmix64's published outputs for seed 0 feed Box-Muller:
// sqrt(-2 ln u1) cos(2 pi u2), u = (bits >> 11 + 1) / 2^53.
TEST(StandardNormal, IsSplitmix64AndBoxMuller) {
    const double u1 = (double(0xe220a8397b1dcdafull >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = (double(0x6e789e6aa1b965f4ull >> 11) + 1.0) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log(u1)), a = 2.0 * std::numbers::pi * u2;
    const auto v = ganforge::cli::standard_normal(0, 2);
    EXPECT_EQ(v[0], float(r * std::cos(a)));
    EXPECT_EQ(v[1], float(r * std::sin(a)));
}

TEST(StandardNormal, HasMeanZeroAndVarianceOne) {
    const auto v = ganforge::cli::standard_normal(42, 200000);
    double sum = 0, squares = 0;
    for (float x : v) sum += x, squares += double(x) * x;
    const double mean = sum / double(v.size());
    EXPECT_NEAR(mean, 0.0, 0.01);
    EXPECT_NEAR(squares / double(v.size()) - mean * mean, 1.0, 0.01);
    EXPECT_NE(ganforge::cli::standard_normal(1, 4), ganforge::cli::standard_normal(2, 4));
}

TEST(PixelRange, FromTheLastActivationThroughRangeKeepingLayers) {
    using Tanh = gf::Sequential<gf::Input{{4}}, gf::Dense{.units = 12, .activation = gf::Activation::tanh},
                                gf::Reshape{{2, 2, 3}}, gf::UpSampling2D{}>;
    using Sigmoid = gf::Sequential<gf::Input{{4}}, gf::Dense{.units = 12}, gf::Reshape{{2, 2, 3}},
                                   gf::ActivationLayer{gf::Activation::sigmoid}>;
    using Leaky = gf::Sequential<gf::Input{{4}}, gf::Dense{.units = 12, .activation = gf::Activation::tanh},
                                 gf::LeakyReLU{}, gf::Reshape{{2, 2, 3}}>;
    EXPECT_EQ(ganforge::cli::output_pixel_range(Tanh::spec()), PixelRange::tanh);
    EXPECT_EQ(ganforge::cli::output_pixel_range(Sigmoid::spec()), PixelRange::sigmoid);
    EXPECT_EQ(ganforge::cli::output_pixel_range(Leaky::spec()), PixelRange::own);
    using Cropped = gf::Sequential<gf::Input{{4}}, gf::Dense{.units = 48, .activation = gf::Activation::tanh},
                                   gf::Reshape{{4, 4, 3}}, gf::Cropping2D{1}>;
    using Padded = gf::Sequential<gf::Input{{4}}, gf::Dense{.units = 48, .activation = gf::Activation::tanh},
                                  gf::Reshape{{4, 4, 3}}, gf::ZeroPadding2D{1}>;
    EXPECT_EQ(ganforge::cli::output_pixel_range(Cropped::spec()), PixelRange::tanh);
    EXPECT_EQ(ganforge::cli::output_pixel_range(Padded::spec()), PixelRange::tanh);
}

TEST(PixelRange, TheHardAndSparseFormsOfTanhAndSigmoidShareTheirRanges) {
    using Model = gf::Sequential<gf::Input{{4}}, gf::Dense{.units = 12, .activation = gf::Activation::tanh}>;
    const auto range_of = [](gf::Activation a) {
        gf::ModelSpec spec = Model::spec();
        spec.layers.back().activation = a;
        return ganforge::cli::output_pixel_range(spec);
    };
    EXPECT_EQ(range_of(gf::Activation::hard_tanh), PixelRange::tanh);
    for (const auto a : {gf::Activation::hard_sigmoid, gf::Activation::hard_sigmoid_keras2,
                         gf::Activation::sparse_sigmoid})
        EXPECT_EQ(range_of(a), PixelRange::sigmoid) << gf::enumerator_name(a);
    EXPECT_EQ(range_of(gf::Activation::relu6), PixelRange::own);
}

TEST(PixelRange, MapsToEightBits) {
    using ganforge::cli::to_pixels;
    const float nan = std::nanf("");
    EXPECT_EQ(to_pixels(std::vector<float>{-1.0f, 0.0f, 1.0f, 2.0f, -3.0f, nan}, PixelRange::tanh),
              (std::vector<std::uint8_t>{0, 128, 255, 255, 0, 0}));
    EXPECT_EQ(to_pixels(std::vector<float>{0.0f, 0.5f, 1.0f}, PixelRange::sigmoid),
              (std::vector<std::uint8_t>{0, 128, 255}));
    EXPECT_EQ(to_pixels(std::vector<float>{10.0f, 12.0f, 14.0f}, PixelRange::own),
              (std::vector<std::uint8_t>{0, 128, 255}));
    EXPECT_EQ(to_pixels(std::vector<float>{3.0f, 3.0f}, PixelRange::own), (std::vector<std::uint8_t>{0, 0}));
}

}  // namespace
