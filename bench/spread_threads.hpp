// How many threads one call is spread over besides one, for every engine
// that can: 2, 4, ... up to this machine's cores, and the cores themselves.
#pragma once

#include <cstddef>
#include <vector>

namespace ganforge::bench {

std::vector<std::size_t> spread_threads();

}  // namespace ganforge::bench
