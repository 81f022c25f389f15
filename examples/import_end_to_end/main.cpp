// From a TensorFlow.js file to specialised C++, end to end:
//   model.json --(ganforge import, at build time)--> imported::DcganBnSmall
//   --(ganforge_add_model)--> import_end_to_end::DcganBnSmallNet;
// the file's weights come in with ganforge::load_weights, and the generated
// network reproduces the reference output (and agrees with the interpreter).
// Usage: example_import_end_to_end [refcase folder]   (exit 0 when it matches;
// default: the folder the model was imported from)
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <ganforge/ganforge.hpp>

#include "../reference_files.hpp"
#include "imported_model.hpp"
#include "import_end_to_end_net.hpp"

namespace {

using Model = imported::DcganBnSmall;
using examples::read_floats;
using examples::scaled_error;

}  // namespace

int main(int argc, char** argv) {
    if (argc > 2) {
        std::fprintf(stderr, "usage: %s [refcase folder with model.json, input.bin, output.bin]\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argc == 2 ? argv[1] : IMPORT_END_TO_END_CASE_DIR;
    try {
        const ganforge::Weights<Model> weights = ganforge::load_weights<Model>(dir / "model.json");
        const import_end_to_end::DcganBnSmallNet net(weights);
        const std::vector<float> input = read_floats(dir / "input.bin");
        const std::vector<float> expected = read_floats(dir / "output.bin");
        const std::size_t batch = input.size() / Model::input_shape.size();
        std::vector<float> generated(batch * Model::output_shape.size()), interpreted(generated.size());
        net.predict(input, generated, batch);
        ganforge::Interpreter<Model>(weights).predict(input, interpreted, batch);

        const double vs_reference = scaled_error(generated, expected);
        const double vs_interpreter = scaled_error(generated, interpreted);
        const std::string isa(net.isa());
        std::printf("%s", ganforge::summary<Model>().c_str());
        std::printf("generated network (%s path), batch %zu: max error %.3g of the reference's scale "
                    "(tolerance 1e-4), %.3g against the interpreter\n",
                    isa.c_str(), batch, vs_reference, vs_interpreter);
        return vs_reference <= 1e-4 && vs_interpreter <= 1e-4 ? 0 : 1;
    } catch (const ganforge::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
