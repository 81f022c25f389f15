// The examples' printer against what numpy 1.x prints for the same float32
// and integer arrays with its default options (each expected string checked
// with numpy 1.24.2, Debian 12).
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "examples/numpy_str.hpp"

namespace {

std::string floats(std::vector<float> v, std::size_t rows = 1) {
    return examples::numpy_str<float>(v, rows, v.size() / rows);
}

std::string ints(std::vector<int> v, std::size_t rows = 1) {
    return examples::numpy_str<int>(v, rows, v.size() / rows);
}

TEST(NumpyStr, Integers) {
    EXPECT_EQ(ints({1, 2, 3, 4}, 2), "[[1 2]\n [3 4]]");
    EXPECT_EQ(ints({-1, 2, 10, 3}, 2), "[[-1  2]\n [10  3]]");
}

TEST(NumpyStr, WholeFloatsKeepTheirPoint) {
    EXPECT_EQ(floats({1, 1, 2, 2, 3, 3, 4, 4}, 2), "[[1. 1. 2. 2.]\n [3. 3. 4. 4.]]");
    EXPECT_EQ(floats({0, 0}), "[[0. 0.]]");
    EXPECT_EQ(floats({-1, 20}), "[[-1. 20.]]");
}

TEST(NumpyStr, FractionsAlignOnThePoint) {
    EXPECT_EQ(floats({1, 1.25f}), "[[1.   1.25]]");
    EXPECT_EQ(floats({-1, 2.5f}), "[[-1.   2.5]]");
    EXPECT_EQ(floats({0.5f, 100.25f}), "[[  0.5  100.25]]");
    EXPECT_EQ(floats({0.1f, 0.2f, 0.3f}), "[[0.1 0.2 0.3]]");
}

TEST(NumpyStr, ShortestFloat32DigitsUpToEight) {
    EXPECT_EQ(floats({1.0f / 3.0f}), "[[0.33333334]]");
    EXPECT_EQ(floats({0.123456789f, 1}), "[[0.12345679 1.        ]]");
}

TEST(NumpyStr, ScientificForTinyOrSpreadValues) {
    EXPECT_EQ(floats({1e-5f, 1}), "[[1.e-05 1.e+00]]");
    EXPECT_EQ(floats({1.5e-5f, 1}), "[[1.5e-05 1.0e+00]]");
    EXPECT_EQ(floats({1, 2000}), "[[1.e+00 2.e+03]]");
    EXPECT_EQ(floats({-2.5e8f, 1}), "[[-2.5e+08  1.0e+00]]");
}

TEST(NumpyStr, NonFiniteValuesArePadded) {
    EXPECT_EQ(floats({std::numeric_limits<float>::quiet_NaN(), 1.5f}), "[[nan 1.5]]");
    EXPECT_EQ(floats({std::numeric_limits<float>::infinity(), 1.25f}), "[[ inf 1.25]]");
}

}  // namespace
