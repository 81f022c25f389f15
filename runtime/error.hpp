// The one exception type ganforge throws for bad input: wrong sizes, a chain
// that does not fit, a malformed file. Its message names what is wrong.
#pragma once

#include <stdexcept>

namespace ganforge {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace ganforge
