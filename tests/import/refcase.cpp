#include "refcase.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

#include <unistd.h>

namespace refcase {

std::filesystem::path shared_dir() { return GANFORGE_SHARED_DIR; }

std::filesystem::path case_dir(const std::string& name, const char* set) { return shared_dir() / set / name; }

std::vector<std::string> case_names(const char* set) {
    std::vector<std::string> names;
    const auto root = shared_dir() / set;
    if (!std::filesystem::is_directory(root)) return names;
    for (const auto& entry : std::filesystem::directory_iterator(root))
        if (std::filesystem::exists(entry.path() / "case.json")) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> case_paths(std::span<const char* const> sets) {
    std::vector<std::string> paths;
    for (const char* set : sets)
        for (const std::string& name : case_names(set)) paths.push_back(std::string(set) + "/" + name);
    return paths;
}

std::vector<float> read_floats(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<float> values(bytes.size() / sizeof(float));
    std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
    return values;
}

std::filesystem::path expected_output(const std::string& name) {
    const auto halfpixel = case_dir(name) / "output_halfpixel.bin";
    return std::filesystem::exists(halfpixel) ? halfpixel : case_dir(name) / "output.bin";
}

::testing::AssertionResult near_reference(std::span<const float> got, std::span<const float> ref) {
    if (got.size() != ref.size())
        return ::testing::AssertionFailure() << got.size() << " values, the reference has " << ref.size();
    float largest = 1.0f;
    for (float r : ref) largest = std::max(largest, std::fabs(r));
    const float tolerance = 1e-4f * largest;
    std::size_t worst = 0;
    float worst_error = 0.0f;
    for (std::size_t i = 0; i < got.size(); ++i) {
        const float error = std::fabs(got[i] - ref[i]);
        if (std::isnan(error))
            return ::testing::AssertionFailure() << "value " << i << " is " << got[i] << ", the reference " << ref[i];
        if (error > worst_error) worst = i, worst_error = error;
    }
    if (worst_error <= tolerance) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "value " << worst << " is " << got[worst] << ", the reference "
                                         << ref[worst] << " (error " << worst_error << ", tolerance "
                                         << tolerance << ")";
}

TempDir::TempDir(const std::string& purpose) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("ganforge_" + purpose + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace refcase
