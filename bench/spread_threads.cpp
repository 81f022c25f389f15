#include "bench/spread_threads.hpp"

#include <thread>

namespace ganforge::bench {

std::vector<std::size_t> spread_threads() {
    const std::size_t cores = std::thread::hardware_concurrency();
    std::vector<std::size_t> counts;
    for (std::size_t t = 2; t <= cores; t *= 2) counts.push_back(t);
    if (cores > 1 && counts.back() != cores) counts.push_back(cores);
    return counts;
}

}  // namespace ganforge::bench
