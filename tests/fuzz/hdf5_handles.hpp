// The fuzz targets that read HDF5 check that every handle the reader opened
// is closed again, whatever happened (the HDF5 C++ library, linked in, keeps
// copies of the predefined types open, hence a count before and after).
#pragma once

#include <cstdio>
#include <cstdlib>

#include <hdf5.h>

namespace fuzz {

class Hdf5HandleCheck {
public:
    Hdf5HandleCheck() : before_(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL)) {}
    // Aborts (a crash libFuzzer records) when handles were left open.
    void expect_all_closed() const {
        if (const ssize_t open = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); open != before_) {
            std::fprintf(stderr, "fuzz check failed: %zd HDF5 objects open after the input, %zd before\n", open,
                         before_);
            std::abort();
        }
    }

private:
    ssize_t before_;
};

}  // namespace fuzz
