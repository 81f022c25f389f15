// ganforge: the command line.
#include <exception>
#include <iostream>
#include <string>

#include "commands.hpp"

namespace {

// Messages quote file contents (layer names, paths): keep them to one line.
std::string one_line(std::string text) {
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    constexpr std::size_t limit = 2000;
    return text.size() > limit ? text.substr(0, limit) + "..." : text;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ganforge: Keras-style GAN generators as C++ - inspect, import and run Keras, "
                 "TensorFlow.js and ONNX models.\nMODEL is a TensorFlow.js model.json (weights from its shards), a "
                 "Keras .keras or .h5 from model.save, an ONNX .onnx from torch.onnx.export, or (summary, import) a "
                 "Keras JSON from model.to_json().",
                 "ganforge"};
    app.require_subcommand(1);
    ganforge::cli::add_summary_command(app);
    ganforge::cli::add_import_command(app);
    ganforge::cli::add_predict_command(app);
    ganforge::cli::add_sample_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        std::cerr << "ganforge: " << one_line(e.what()) << '\n';
        return 1;
    }
    return 0;
}
