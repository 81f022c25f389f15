// The threads of the libraries the peers run on (OpenMP under oneDNN and
// libtorch, OpenBLAS under libtorch), set through whichever of them the
// process loaded, found at run time so that the bench links none of them.
#pragma once

#include <dlfcn.h>

#include <cstddef>

namespace ganforge::bench {

// A function of a library the process may have loaded, or nullptr.
template <class F>
F* loaded_function(const char* name) {
    return reinterpret_cast<F*>(dlsym(RTLD_DEFAULT, name));
}

// OpenMP's and OpenBLAS's thread counts, for what runs next in this process.
void set_library_threads(std::size_t threads);

}  // namespace ganforge::bench
