// The generator's non-template core: a ModelSpec in, the specialised sources
// out. Same model and options in, byte-identical files out.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
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

std::string emit_header(const ModelSpec& model, const Plan& plan, const GeneratorOptions& options);
std::string emit_network(const ModelSpec& model, const Plan& plan, const std::vector<IsaPlan>& isas,
                         const GeneratorOptions& options);
std::string emit_kernels(const Plan& plan, const IsaPlan& isa, const GeneratorOptions& options);

// The ISAs every generated network carries, widest first: all of them.
inline constexpr auto generated_isas = [] {
    std::array<Isa, std::size(all_isas)> isas{};
    std::reverse_copy(std::begin(all_isas), std::end(all_isas), isas.begin());
    return isas;
}();

}  // namespace ganforge::codegen
