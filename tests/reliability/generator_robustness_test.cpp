// The code generator under stress:
// - the code-size budget: past it, a step keeps loops, so the generated
//   sources do not grow with the image size;
// - a bad output folder or a failed write: a clear error naming the path, a
//   non-zero exit, and no half-written or temporary file left behind;
// - determinism: two runs, in one process or two, write identical bytes.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <gtest/gtest.h>

#include "codegen/generator.hpp"
#include "examples/models.hpp"

namespace {

namespace fs = std::filesystem;
using ganforge::codegen::GeneratedFile;
using ganforge::codegen::GeneratorOptions;

GeneratorOptions options(const std::string& target) {
    GeneratorOptions o;
    o.header_name = "models.hpp";
    o.model_type = "examples::Model";
    o.target = target;
    return o;
}

std::size_t total_bytes(const std::vector<GeneratedFile>& files) {
    std::size_t n = 0;
    for (const GeneratedFile& f : files) n += f.content.size();
    return n;
}

// An upsampling generator tail: Conv2DTranspose k4 s2 then Conv2D k3 on an
// image of side `side`.
ganforge::ModelSpec tail_model(std::size_t side) {
    using namespace ganforge;
    LayerSpec tconv{.kind = LayerKind::conv2d_transpose, .units = 16};
    tconv.kernel_size = Size2{4};
    tconv.strides = Size2{2};
    tconv.padding = Padding::same;
    tconv.activation = Activation::relu;
    LayerSpec conv{.kind = LayerKind::conv2d, .units = 3};
    conv.kernel_size = Size2{3};
    conv.padding = Padding::same;
    conv.activation = Activation::tanh;
    return make_model_spec(Shape{side, side, 16}, {tconv, conv}, {}, "tail");
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A fresh, empty folder for one test, removed (and this process's folder
// of them once empty) when the test ends.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name)
        : root_(fs::temp_directory_path() / ("ganforge_generator_" + std::to_string(::getpid()))),
          path_(root_ / name) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
        fs::remove(root_, ignored);  // fails, harmlessly, while another test's folder is in it
    }
    const fs::path& path() const { return path_; }

private:
    fs::path root_, path_;
};

// generator_main's exit status and what it wrote to stderr.
std::pair<int, std::string> run_generator_main(const ganforge::ModelSpec& model, std::vector<std::string> args) {
    std::vector<char*> argv{const_cast<char*>("generator")};
    for (std::string& a : args) argv.push_back(a.data());
    std::ostringstream err;
    auto* old = std::cerr.rdbuf(err.rdbuf());
    const int status = ganforge::codegen::generator_main(model, int(argv.size()), argv.data(), "models.hpp",
                                                         "examples::Model");
    std::cerr.rdbuf(old);
    return {status, err.str()};
}

// Every file in `dir` is complete (one of `files`, whole) and none is a
// temporary.
void expect_no_partial_files(const fs::path& dir, const std::vector<GeneratedFile>& files) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        const auto name = entry.path().filename().string();
        const auto it = std::find_if(files.begin(), files.end(), [&](const GeneratedFile& f) { return f.name == name; });
        if (it == files.end()) {
            ADD_FAILURE() << "left behind: " << entry.path();
            continue;
        }
        EXPECT_EQ(read(entry.path()).size(), it->content.size()) << entry.path() << " is not complete";
    }
}

TEST(GeneratorBudget, SourcesDoNotGrowWithTheImageOnceOverBudget) {
    const std::size_t at_64 = total_bytes(ganforge::codegen::generate_files(tail_model(64), options("tail")));
    const std::size_t at_512 = total_bytes(ganforge::codegen::generate_files(tail_model(512), options("tail")));
    // 64x more pixels; a fully unrolled kernel would be ~64x larger.
    EXPECT_LT(at_512, at_64 * 5 / 4) << "64x64: " << at_64 << " bytes, 512x512: " << at_512;
    EXPECT_LT(at_512, std::size_t(1) << 20);
    // Without the budget the 64x64 model alone spells out megabytes
    // (measured: 2.2 MB against 0.1 MB; 142 MB at 512x512).
    // (The fixed-size kernels alone: the any-size ones do not depend on it.)
    auto budgeted = options("tail");
    budgeted.fixed_size = true;
    auto unbounded = budgeted;
    unbounded.schedule.code_budget = std::size_t(1) << 20;
    const std::size_t fixed_64 = total_bytes(ganforge::codegen::generate_files(tail_model(64), budgeted));
    const std::size_t unrolled = total_bytes(ganforge::codegen::generate_files(tail_model(64), unbounded));
    EXPECT_GT(unrolled, 10 * fixed_64) << "the budget made no difference: " << unrolled << " against " << fixed_64;
}

TEST(GeneratorBudget, ASmallerBudgetGivesLessCode) {
    const auto model = examples::MnistGen::spec();
    auto small = options("mnist");
    small.schedule.code_budget = 1;
    auto large = options("mnist");
    large.schedule.code_budget = 4096;
    const std::size_t at_default = total_bytes(ganforge::codegen::generate_files(model, options("mnist")));
    const std::size_t at_small = total_bytes(ganforge::codegen::generate_files(model, small));
    const std::size_t at_large = total_bytes(ganforge::codegen::generate_files(model, large));
    EXPECT_LE(at_small, at_default);
    EXPECT_LE(at_default, at_large);
    EXPECT_LT(at_small, at_large);
}

TEST(GeneratorOutput, AnOutputFolderThatCannotBeMadeIsAClearError) {
    const ScratchDir scratch("not_a_folder");
    const fs::path& dir = scratch.path();
    std::ofstream(dir / "file") << "a file, not a folder";
    const fs::path out = dir / "file" / "generated";
    const auto [status, message] =
        run_generator_main(examples::SeedUpsample::spec(), {"--output-dir", out.string(), "--target", "seed"});
    EXPECT_NE(status, 0);
    EXPECT_NE(message.find((dir / "file").string()), std::string::npos) << message;
    EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 1) << "one line: " << message;
    EXPECT_FALSE(fs::exists(out));
}

TEST(GeneratorOutput, AFileThatCannotBeReplacedIsAClearErrorAndLeavesNoTemporary) {
    const ScratchDir scratch("blocked");
    const fs::path& dir = scratch.path();
    fs::create_directories(dir / "seed.cpp" / "in_the_way");  // a folder where a file must go
    const auto [status, message] =
        run_generator_main(examples::SeedUpsample::spec(), {"--output-dir", dir.string(), "--target", "seed"});
    EXPECT_NE(status, 0);
    EXPECT_NE(message.find((dir / "seed.cpp").string()), std::string::npos) << message;
    fs::remove_all(dir / "seed.cpp");
    expect_no_partial_files(dir, ganforge::codegen::generate_files(examples::SeedUpsample::spec(), options("seed")));
}

// The write itself fails (the file size limit stands in for a full disk):
// in a child process, so the limit does not touch the test.
TEST(GeneratorOutput, AFailedWriteLeavesNoPartialFile) {
    const ScratchDir scratch("full_disk");
    const fs::path& dir = scratch.path();
    const pid_t child = ::fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);  // write() then fails with EFBIG
        const rlimit limit{2048, 2048};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        const auto [status, message] =
            run_generator_main(examples::MnistGen::spec(), {"--output-dir", dir.string(), "--target", "mnist"});
        std::fputs(message.c_str(), stderr);
        std::_Exit(status == 0 ? 0 : message.find(dir.string()) != std::string::npos ? 1 : 2);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1) << "0: the write did not fail; 2: the message does not name the folder";
    expect_no_partial_files(dir, ganforge::codegen::generate_files(examples::MnistGen::spec(), options("mnist")));
}

TEST(GeneratorDeterminism, TwoGenerationsInOneProcessAreIdentical) {
    const auto model = examples::Dcgan64::spec();
    const auto a = ganforge::codegen::generate_files(model, options("dcgan"));
    const auto b = ganforge::codegen::generate_files(model, options("dcgan"));
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].name, b[i].name);
        EXPECT_TRUE(a[i].content == b[i].content) << a[i].name;
    }
}

// Two processes (different addresses, ASLR): the generator programs
// ganforge_add_model builds, run twice each into separate folders.
TEST(GeneratorDeterminism, TwoRunsOfAGeneratorProgramWriteIdenticalBytes) {
    for (const auto& [program, target] : {std::pair{GEN_DCGAN64_GENERATOR, "gen_dcgan64"},
                                          std::pair{GEN_SEED_UPSAMPLE_GENERATOR, "gen_seed_upsample"}}) {
        const ScratchDir first(std::string(target) + "_first"), second(std::string(target) + "_second");
        const std::vector<fs::path> dirs{first.path(), second.path()};
        for (const fs::path& dir : dirs) {
            const std::string command = std::string(program) + " --output-dir " + dir.string() + " --target " + target;
            ASSERT_EQ(std::system(command.c_str()), 0) << command;
        }
        std::size_t files = 0;
        for (const auto& entry : fs::directory_iterator(dirs[0])) {
            const fs::path other = dirs[1] / entry.path().filename();
            ASSERT_TRUE(fs::exists(other)) << other;
            EXPECT_TRUE(read(entry.path()) == read(other)) << entry.path().filename() << " differs between runs";
            ++files;
        }
        EXPECT_EQ(files, 5u) << target;
        EXPECT_EQ(std::distance(fs::directory_iterator(dirs[1]), fs::directory_iterator()), std::ptrdiff_t(files));
    }
}

}  // namespace
