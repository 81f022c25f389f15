// The options of every command that reads a model, for what a model file
// leaves to its reader (ganforge::ReadOptions): `--layer CLASS=SPEC` for a
// class the program that trained it registered itself, and `--input-shape
// H,W,C` for inputs whose extents it leaves unknown; both repeatable.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <ganforge/readers/read_options.hpp>

namespace ganforge::cli {

struct ReadFlags {
    std::vector<std::string> layers, input_shapes;
};

void add_read_flags(CLI::App& cmd, ReadFlags& flags);

// The flags as ReadOptions; a malformed value is a ganforge::Error naming
// `model` and the flag.
ReadOptions read_options(const ReadFlags& flags, const std::string& model);

}  // namespace ganforge::cli
