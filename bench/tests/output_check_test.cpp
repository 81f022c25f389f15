#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "bench/output_check.hpp"

namespace ganforge::bench {
namespace {

TEST(OutputCheck, ToleranceIsRelativeToTheLargestReferenceValueAboveOne) {
    const Shape s{2, 2, 1};
    const std::vector<float> ref{0.5f, -0.25f, 0.0f, 0.75f};
    std::vector<float> out = ref;
    out[1] += 0.9e-4f;
    EXPECT_FALSE(disagreement(ref, out, s));
    out[1] += 0.2e-4f;
    EXPECT_TRUE(disagreement(ref, out, s));

    const std::vector<float> big{100.0f, 0.0f, 0.0f, 0.0f};  // tolerance 1e-2
    std::vector<float> close = big;
    close[3] = 0.009f;
    EXPECT_FALSE(disagreement(big, close, s));
    close[3] = 0.011f;
    EXPECT_TRUE(disagreement(big, close, s));
}

TEST(OutputCheck, NamesTheWorstElement) {
    const Shape s{2, 3, 2};  // 12 floats per image
    std::vector<float> ref(24, 0.0f), out(24, 0.0f);
    out[12 + 2 * 1 * 3 + 2 * 2 + 1] = 0.5f;  // image 1, y 1, x 2, channel 1
    out[3] = 0.1f;
    const auto why = disagreement(ref, out, s);
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("image 1, (y 1, x 2, channel 1)"), std::string::npos) << *why;
}

TEST(OutputCheck, CatchesNaNAndWrongSizes) {
    const Shape s{3};
    EXPECT_TRUE(disagreement(std::vector<float>{1, 2, 3}, std::vector<float>{1, std::nanf(""), 3}, s));
    EXPECT_TRUE(disagreement(std::vector<float>{1, 2, 3}, std::vector<float>{1, 2}, s));
}

}  // namespace
}  // namespace ganforge::bench
