// Fuzz target: a Keras .h5 file, as bytes, opened in memory (HDF5's core
// driver, Hdf5File::open_image) and read as `ganforge predict` reads one:
// its model_config, its weights, the weights matched to the model, the model
// run. The model and the weights are read apart, so that a file whose
// config fails still has its weights read.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "readers/hdf5_file.hpp"
#include "readers/keras_h5.hpp"
#include "readers/weight_matching.hpp"

#include "fuzz_support.hpp"
#include "hdf5_handles.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::string_view origin = "fuzz.h5";
    const std::span bytes(reinterpret_cast<const std::byte*>(data), size);
    const fuzz::Hdf5HandleCheck handles;
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
    handles.expect_all_closed();
    return 0;
}
