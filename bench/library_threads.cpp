#include "bench/library_threads.hpp"

namespace ganforge::bench {

void set_library_threads(std::size_t threads) {
    if (auto set = loaded_function<void(int)>("omp_set_num_threads")) set(int(threads));
    if (auto set = loaded_function<void(int)>("openblas_set_num_threads")) set(int(threads));
}

}  // namespace ganforge::bench
