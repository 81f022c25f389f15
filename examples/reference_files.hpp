// What the end-to-end examples share: a reference case's raw float32 files,
// and the reference cases' tolerance.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace examples {

inline std::vector<float> read_floats(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<float> values(bytes.size() / sizeof(float));
    std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
    return values;
}

// The largest |a - b| over `ref`'s scale, as the reference cases' tolerance:
// |y - ref| <= 1e-4 * max(1, max |ref|).
inline double scaled_error(const std::vector<float>& y, const std::vector<float>& ref) {
    double largest = 1.0, error = y.size() == ref.size() ? 0.0 : INFINITY;
    for (float r : ref) largest = std::max(largest, double(std::fabs(r)));
    for (std::size_t i = 0; i < std::min(y.size(), ref.size()); ++i)
        error = std::max(error, std::fabs(double(y[i]) - ref[i]));
    return error / largest;
}

}  // namespace examples
