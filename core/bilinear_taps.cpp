#include <ganforge/core/bilinear_taps.hpp>

#include <algorithm>
#include <cmath>

namespace ganforge {

std::vector<BilinearTap> bilinear_taps(long in, long out, Interpolation mode) {
    auto taps = std::vector<BilinearTap>(std::size_t(out));
    const bool corners = mode == Interpolation::bilinear_align_corners;
    const double scale = corners ? (out > 1 ? double(in - 1) / double(out - 1) : 0.0) : double(in) / double(out);
    for (long d = 0; d < out; ++d) {
        const double src = corners ? double(d) * scale : (double(d) + 0.5) * scale - 0.5;
        const double fl = std::floor(src);
        taps[std::size_t(d)] = {std::max(long(fl), 0L), std::min(long(std::ceil(src)), in - 1), float(src - fl)};
    }
    return taps;
}

}  // namespace ganforge
