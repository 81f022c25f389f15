// Runs the `ganforge` executable built in this tree, for tests.
#pragma once

#include <string>
#include <vector>

namespace cli_runner {

struct Result {
    int exit_code = -1;  // -1 when killed by a signal (a crash)
    std::string out, err;
};

// Arguments are passed as they are (no shell).
Result run(const std::vector<std::string>& args);

}  // namespace cli_runner
