// Fuzz target: a Keras 3 .keras archive, as bytes, opened in memory
// (ZipArchive::open_bytes) and read as `ganforge predict` reads one: its
// config.json into a model, its model.weights.h5 into that model's weights,
// the model run. Damaged entries, missing members, members that declare or
// inflate to more than ganforge reads all end in one ganforge::Error.
#include <span>
#include <string>
#include <string_view>

#include "readers/keras_archive.hpp"
#include "readers/weight_matching.hpp"
#include "readers/zip_archive.hpp"

#include "fuzz_support.hpp"
#include "hdf5_handles.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::string_view origin = "fuzz.keras";
    const std::span bytes(reinterpret_cast<const std::byte*>(data), size);
    const fuzz::Hdf5HandleCheck handles;
    fuzz::expect_only_errors(origin, [&] {
        const ganforge::ZipArchive archive = ganforge::ZipArchive::open_bytes(bytes, std::string(origin));
        const ganforge::KerasModel model = ganforge::keras_archive_model(archive);
        fuzz::use_model(model, origin);
        ganforge::WeightStore store(model.spec);
        ganforge::fill_weights(store, ganforge::keras_archive_weights(archive, model));
        fuzz::run_if_small(store);
    });
    handles.expect_all_closed();
    return 0;
}
