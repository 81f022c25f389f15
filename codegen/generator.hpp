// The generator's non-template core: a ModelSpec in, the specialised sources
// out. Same model and options in, byte-identical files out.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/planner.hpp"
#include <ganforge/codegen/generate.hpp>
#include <ganforge/core/model_spec.hpp>

namespace ganforge::codegen {

struct GeneratorOptions {
    std::string header_name;            // the model header's file name, for the banner
    std::string model_type;             // the model's C++ type, for the banner: "examples::MnistGen"
    std::string target;                 // file stem: <target>.hpp, <target>.cpp, <target>_<isa>.cpp
    std::string name_space = "generated";
    std::string class_name;             // default: the target
    ScheduleOptions schedule;
    PlanOptions plan;
    // Leave out the any-size kernels (predict_image) of a fully convolutional
    // model: less code to compile, the declared size only.
    bool fixed_size = false;
};

// A fully convolutional model's any-size path (predict_image): its plan at
// the declared size (any_size_plan_options) and how each ISA runs it.
struct AnySizePath {
    Plan plan;
    std::vector<IsaPlan> isas;  // as generate_files' isas
};

struct GeneratedFile {
    std::string name;
    std::string content;
};

// The public header, the network source (construction, packing, predict)
// and one kernel source per ISA (compiled with that ISA's flags).
std::vector<GeneratedFile> generate_files(const ModelSpec& model, const GeneratorOptions& options);

// Writes each file to `dir` unless it already holds exactly that content:
// through a temporary file renamed into place, so a failed run never leaves
// half a file and an unchanged file keeps its time stamp.
void write_files(const std::vector<GeneratedFile>& files, const std::string& dir);

// Helpers the emitters share.
std::string header_banner(const GeneratorOptions& options);
std::string qualified_class_name(const GeneratorOptions& options);  // "generated::MnistGenNet"
std::string kernels_namespace(const GeneratorOptions& options);  // "generated::MnistGenNet_kernels"
std::string cpp_string(std::string_view text);                   // a quoted C++ string literal
// The parameters of every step's entry point (support::StepFunction), with
// `first, end` named or, for a step that runs whole, left unnamed.
std::string step_parameters(bool named_range);
// The parameters of an any-size step's entry point (support::AnyStepFunction).
inline constexpr std::string_view any_step_parameters =
    "const float* P, const ganforge::codegen::support::AnyStep& g, const float* in, float* out, "
    "std::size_t first, std::size_t end";

// `any` is the model's any-size path, if it has one; `k` the index of an
// ISA in `isas` and any->isas.
std::string emit_header(const ModelSpec& model, const Plan& plan, const GeneratorOptions& options,
                        const AnySizePath* any);
std::string emit_network(const ModelSpec& model, const Plan& plan, const std::vector<IsaPlan>& isas,
                         const GeneratorOptions& options, const AnySizePath* any);
std::string emit_kernels(const Plan& plan, const IsaPlan& isa, const GeneratorOptions& options,
                         const AnySizePath* any, std::size_t k);

// The any-size path of `model`: none when the options leave it out or the
// model has no image input or cannot take another size (a Dense reading a
// flattened image, a Reshape of fixed size).
std::optional<AnySizePath> any_size_path(const ModelSpec& model, const GeneratorOptions& options);

// The ISAs every generated network carries, widest first: all of them.
inline constexpr auto generated_isas = [] {
    std::array<Isa, std::size(all_isas)> isas{};
    std::reverse_copy(std::begin(all_isas), std::end(all_isas), isas.begin());
    return isas;
}();

}  // namespace ganforge::codegen
