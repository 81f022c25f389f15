// ganforge::codegen::generate<Model>: the body of the small generator
// program ganforge_add_model builds for one model. The model type becomes a
// ModelSpec at compile time (Sequential walks its layers with Hana); all the
// work is in the compiled ganforge::codegen library, so a new model costs one
// tiny compile.
#pragma once

#include <string_view>

#include <ganforge/core/model_spec.hpp>
#include <ganforge/dsl/model.hpp>

namespace ganforge::codegen {

// The command line of a generator program:
//   <program> --output-dir DIR --target NAME [--namespace NS] [--class CLS] [--code-budget N]
//             [--layout nhwc|nchw] [--fixed-size]
// Returns the exit status; errors go to stderr.
int generator_main(const ModelSpec& model, int argc, char** argv, std::string_view header_name,
                   std::string_view model_type);

template <Model M>
int generate(int argc, char** argv, std::string_view header_name, std::string_view model_type) {
    return generator_main(M::spec(), argc, argv, header_name, model_type);
}

}  // namespace ganforge::codegen
