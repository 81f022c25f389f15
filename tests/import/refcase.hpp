// The shared reference cases (in GANFORGE_SHARED_DIR: refcases for chains,
// refcases-graph for functional models, refcases-onnx and refcases-i2i for
// PyTorch exports, each case a model, its inputs and the framework's output)
// as the import tests read them: the case folders found at run time, raw float32
// files, and the agreed tolerance.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace refcase {

inline constexpr const char* chains = "refcases";
inline constexpr const char* graphs = "refcases-graph";
inline constexpr const char* onnx = "refcases-onnx";
inline constexpr const char* i2i = "refcases-i2i";
// The PyTorch exports the ONNX reader reads: layers and generators, and the
// image-to-image generators.
inline constexpr std::array<const char*, 2> onnx_sets{onnx, i2i};

std::filesystem::path shared_dir();  // GANFORGE_SHARED_DIR
// shared/<set>/<name>
std::filesystem::path case_dir(const std::string& name, const char* set = chains);
// every folder of shared/<set> with a case.json, sorted
std::vector<std::string> case_names(const char* set = chains);
// every case of `sets`, as "<set>/<name>" under shared_dir(), sorted by set then name
std::vector<std::string> case_paths(std::span<const char* const> sets);

std::vector<float> read_floats(const std::filesystem::path& path);

// output_halfpixel.bin where the case has it (Keras-Python's bilinear rule,
// which ganforge follows), else output.bin.
std::filesystem::path expected_output(const std::string& name);

// |y - ref| <= 1e-4 * max(1, max |ref|) for every value.
::testing::AssertionResult near_reference(std::span<const float> got, std::span<const float> ref);

// A fresh folder under the system's temporary folder, removed with everything
// in it when the object goes: tests write their files there.
class TempDir {
public:
    explicit TempDir(const std::string& purpose);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// For INSTANTIATE_TEST_SUITE_P: case names (of case_names, or the last part
// of case_paths) as test names.
struct CaseName {
    std::string operator()(const ::testing::TestParamInfo<std::string>& info) const {
        return info.param.substr(info.param.find_last_of('/') + 1);
    }
};

}  // namespace refcase
