// Writes a reference case as the Keras 3 .keras archive model.save would:
//   make_keras_archive <case's model.json> <output .keras>
// A functional case (its topology a Functional) keeps its graph; a chain
// becomes a Keras 3 Sequential. For tests outside this build's test
// programs, such as the consumer project.
#include <cstdio>
#include <exception>
#include <filesystem>

#include "keras_variants.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s <model.json> <output.keras>\n", argv[0]);
        return 2;
    }
    try {
        const std::filesystem::path model_json(argv[1]), out(argv[2]);
        std::filesystem::create_directories(out.parent_path());
        const nlohmann::json topology = keras_variants::tfjs_topology(model_json);
        const bool graph = topology["class_name"] != "Sequential";
        const nlohmann::json config = graph ? keras_variants::graph_keras3(topology) : keras_variants::keras3(topology);
        const std::filesystem::path weights = std::filesystem::path(out).replace_extension(".weights.h5");
        test_h5::write(weights, keras_variants::keras3_saving_file(model_json, config));
        keras_variants::write_keras_archive(out, config, weights);
        std::filesystem::remove(weights);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "make_keras_archive: %s\n", e.what());
        return 1;
    }
}
