// The subcommands of `ganforge`, one file each. Each adds
// itself to the app; its callback throws ganforge::Error for bad input, which
// main() prints as one line.
#pragma once

#include <CLI/CLI.hpp>

namespace ganforge::cli {

void add_summary_command(CLI::App& app);
void add_import_command(CLI::App& app);
void add_predict_command(CLI::App& app);
void add_sample_command(CLI::App& app);

}  // namespace ganforge::cli
