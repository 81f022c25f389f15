// fmt prints a Shape as its extents in parentheses.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <ganforge/core/shape_format.hpp>

namespace {

TEST(ShapeFormat, ExtentsInParentheses) {
    EXPECT_EQ(fmt::format("{}", ganforge::Shape{5, 5, 128}), "(5, 5, 128)");
    EXPECT_EQ(fmt::format("{}", ganforge::Shape{3200}), "(3200)");
    EXPECT_EQ(fmt::format("{} -> {}", ganforge::Shape{2, 2, 1}, ganforge::Shape{4, 4, 1}),
              "(2, 2, 1) -> (4, 4, 1)");
}

}  // namespace
