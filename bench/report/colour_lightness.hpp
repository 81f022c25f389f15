// How light a colour looks: CIE L*, 0 for black to 100 for white. Two colours
// a few units apart still look alike in grey (printed, or seen without
// colour), which the chart's palette and its hatching are chosen by.
#pragma once

#include <optional>
#include <string_view>

namespace ganforge::report {

// L* of an sRGB colour written "#rrggbb"; nothing for any other form.
std::optional<double> lightness(std::string_view colour);

}  // namespace ganforge::report
