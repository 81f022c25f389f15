// Fuzz target: a Keras 3 .keras archive, as bytes, opened in memory
// (ZipArchive::open_bytes) and read as `ganforge predict` reads one: its
// config.json into a model, its model.weights.h5 into that model's weights,
// the model run. Damaged entries, missing members, members that declare or
// inflate to more than ganforge reads all end in one ganforge::Error.
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include <hdf5.h>

#include <ganforge/runtime/keras_archive.hpp>
#include <ganforge/runtime/weight_matching.hpp>
#include <ganforge/runtime/zip_archive.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::string_view origin = "fuzz.keras";
    const std::span bytes(reinterpret_cast<const std::byte*>(data), size);
    const ssize_t open_before = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
    fuzz::expect_only_errors(origin, [&] {
        const ganforge::ZipArchive archive = ganforge::ZipArchive::open_bytes(bytes, std::string(origin));
        const ganforge::KerasModel model = ganforge::keras_archive_model(archive);
        fuzz::use_model(model, origin);
        ganforge::WeightStore store(model.spec);
        ganforge::fill_weights(store, ganforge::keras_archive_weights(archive, model.spec));
        fuzz::run_if_small(store);
    });
    // Every HDF5 handle the weights reader opened is closed again.
    if (const ssize_t open = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); open != open_before) {
        std::fprintf(stderr, "fuzz check failed: %zd HDF5 objects open after the input, %zd before\n", open,
                     open_before);
        std::abort();
    }
    return 0;
}
