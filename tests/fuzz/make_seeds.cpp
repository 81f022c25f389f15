// Writes the seed corpora of the fuzz targets from the shared reference cases
// (refcases, refcases-graph, refcases-onnx and models in GANFORGE_SHARED_DIR):
// valid inputs the fuzzers mutate.
//   make_seeds <shared dir> <output dir>
// writes <output>/model_json (every case's model.json, anime64's, and the
// tf.keras 2 / Keras 3 / functional / nested-model JSON of the small cases),
// <output>/tfjs_weights (model.json, NUL, weights.bin of the small cases) and
// <output>/keras_h5 (the small cases as Keras 2, Keras 3, save_weights and
// nested-model .h5 files, written as h5py does), <output>/keras_archive
// (the small cases as Keras 3 .keras archives), <output>/onnx (the
// refcases-onnx files of at most 64 KiB) and <output>/png (small pictures).
// "Small": weights.bin of at most 16 KiB, so a fuzzer's mutations stay fast.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/readers/png_file.hpp>

#include "../import/keras_h5_writer.hpp"
#include "../import/keras_variants.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t small_weights = 16 * 1024;

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// A .keras archive of `config` with the case's weights in Keras 3's layout.
void write_archive(const fs::path& path, const fs::path& model_json, const nlohmann::json& config) {
    const fs::path weights = fs::path(path).replace_extension(".weights.h5");
    test_h5::write(weights, keras_variants::keras3_saving_file(model_json, config));
    keras_variants::write_keras_archive(path, config, weights);
    fs::remove(weights);
}

void write_case(const std::string& name, const fs::path& model_json, const fs::path& out) {
    write(out / "model_json" / (name + ".json"), read(model_json));
    const fs::path weights = model_json.parent_path() / "weights.bin";
    if (!fs::exists(weights) || fs::file_size(weights) > small_weights) return;

    const nlohmann::json topology = keras_variants::tfjs_topology(model_json);
    const std::pair<const char*, nlohmann::json> variants[] = {
        {"tf_keras2", keras_variants::tf_keras2(topology)},
        {"keras3", keras_variants::keras3(topology)},
        {"functional_keras2", keras_variants::functional_keras2(topology)},
        {"functional_keras3", keras_variants::functional_keras3(topology)},
        {"wrapped", keras_variants::wrapped_sequential(topology)},
    };
    for (const auto& [variant, model] : variants)
        write(out / "model_json" / (name + "." + variant + ".json"), model.dump());

    write(out / "tfjs_weights" / (name + ".bin"), read(model_json) + '\0' + read(weights));

    using test_h5::Style;
    test_h5::write(out / "keras_h5" / (name + ".keras2.h5"), keras_variants::h5_file(model_json, Style::keras2));
    test_h5::write(out / "keras_h5" / (name + ".keras3.h5"), keras_variants::h5_file(model_json, Style::keras3));
    auto split = keras_variants::h5_file(model_json, Style::keras2_weights);
    split.split_layer_names = true;
    test_h5::write(out / "keras_h5" / (name + ".weights.h5"), split);
    test_h5::write(out / "keras_h5" / (name + ".wrapped.h5"), keras_variants::wrapped_h5_file(model_json));
    write_archive(out / "keras_archive" / (name + ".keras"), model_json, keras_variants::keras3(topology));
    write_archive(out / "keras_archive" / (name + ".wrapped.keras"), model_json, keras_variants::wrapped_keras3(topology));
}

// A functional case: its model.json as tfjs, tf.keras 2 and Keras 3 write it,
// its weights, and its tf.keras 2 .h5.
void write_graph_case(const std::string& name, const fs::path& model_json, const fs::path& out) {
    write(out / "model_json" / (name + ".json"), read(model_json));
    const nlohmann::json topology = keras_variants::tfjs_topology(model_json);
    write(out / "model_json" / (name + ".keras2.json"), keras_variants::graph_keras2(topology).dump());
    write(out / "model_json" / (name + ".keras3.json"), keras_variants::graph_keras3(topology).dump());
    const fs::path weights = model_json.parent_path() / "weights.bin";
    if (!fs::exists(weights) || fs::file_size(weights) > small_weights) return;
    write(out / "tfjs_weights" / (name + ".bin"), read(model_json) + '\0' + read(weights));
    test_h5::write(out / "keras_h5" / (name + ".graph.h5"), keras_variants::graph_h5_file(model_json));
    write_archive(out / "keras_archive" / (name + ".keras"), model_json, keras_variants::graph_keras3(topology));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s <shared dir> <output dir>\n", argv[0]);
        return 2;
    }
    const fs::path shared(argv[1]), out(argv[2]);
    for (const char* target : {"model_json", "tfjs_weights", "keras_h5", "keras_archive", "onnx", "png"})
        fs::create_directories(out / target);
    std::size_t cases = 0;
    for (const auto& entry : fs::directory_iterator(shared / "refcases"))
        if (fs::exists(entry.path() / "model.json")) {
            write_case(entry.path().filename().string(), entry.path() / "model.json", out);
            ++cases;
        }
    for (const auto& entry : fs::directory_iterator(shared / "refcases-graph"))
        if (fs::exists(entry.path() / "model.json")) {
            write_graph_case("graph-" + entry.path().filename().string(), entry.path() / "model.json", out);
            ++cases;
        }
    write(out / "model_json" / "anime64.json", read(shared / "models" / "anime64" / "model.json"));
    for (const auto& entry : fs::directory_iterator(shared / "refcases-onnx"))
        if (fs::exists(entry.path() / "model.onnx") && fs::file_size(entry.path() / "model.onnx") <= 4 * small_weights) {
            write(out / "onnx" / (entry.path().filename().string() + ".onnx"), read(entry.path() / "model.onnx"));
            ++cases;
        }
    // Pictures as ganforge writes them: gray and RGB, odd sizes.
    for (const auto& [h, w, c] : {std::array<std::size_t, 3>{1, 1, 1}, {5, 7, 3}, {16, 3, 1}, {9, 9, 3}}) {
        ganforge::Image8 picture{h, w, c, std::vector<std::uint8_t>(h * w * c)};
        for (std::size_t i = 0; i < picture.pixels.size(); ++i) picture.pixels[i] = std::uint8_t(i * 29 % 256);
        ganforge::write_png(out / "png" / fmt::format("{}x{}x{}.png", h, w, c), picture);
    }
    std::printf("seeds from %zu reference cases, anime64 and pictures in %s\n", cases, out.c_str());
}
