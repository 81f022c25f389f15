// Fuzz target: a Keras .h5 file, as bytes, opened in memory (HDF5's core
// driver, Hdf5File::open_image) and read as `ganforge predict` reads one:
// its model_config, its weights, the weights matched to the model, the model
// run. The model and the weights are read apart, so that a file whose
// config fails still has its weights read.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <hdf5.h>

#include <ganforge/runtime/hdf5_file.hpp>
#include <ganforge/runtime/keras_h5.hpp>
#include <ganforge/runtime/weight_matching.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::string_view origin = "fuzz.h5";
    const std::span bytes(reinterpret_cast<const std::byte*>(data), size);
    const ssize_t open_before = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
    fuzz::expect_only_errors(origin, [&] {
        const ganforge::Hdf5File file = ganforge::Hdf5File::open_image(bytes, std::string(origin));
        std::optional<ganforge::KerasModel> model;
        fuzz::expect_only_errors(origin, [&] {
            model = ganforge::keras_h5_model(file);
            fuzz::use_model(*model, origin);
        });
        const ganforge::WeightFile weights = ganforge::keras_h5_weights(file);
        if (!model) return;
        ganforge::WeightStore store(model->spec);
        ganforge::fill_weights(store, weights);
        fuzz::run_if_small(store);
    });
    // Every handle our reader opened is closed again, whatever happened (the
    // HDF5 C++ library, linked in, keeps copies of the predefined types open).
    if (const ssize_t open = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); open != open_before) {
        std::fprintf(stderr, "fuzz check failed: %zd HDF5 objects open after the input, %zd before\n", open,
                     open_before);
        std::abort();
    }
    return 0;
}
