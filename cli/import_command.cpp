// `ganforge import MODEL [--name N] [--namespace NS] [--output FILE]`: the
// model as a C++ header declaring it with the DSL.
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include <ganforge/readers/model_file.hpp>
#include <ganforge/readers/model_header.hpp>

#include "commands.hpp"
#include "output_file.hpp"
#include "read_flags.hpp"

namespace ganforge::cli {
namespace {

struct ImportOptions {
    std::string model, name, name_space = "imported", output;
    ReadFlags read;
};

void run(const ImportOptions& o) {
    const KerasModel m = read_model_config(o.model, read_options(o.read, o.model));
    const std::string header = model_header(
        m.spec, {.name = o.name.empty() ? default_type_name(m.name) : o.name,
                 .name_space = o.name_space,
                 .origin = std::filesystem::path(o.model).filename().string(),
                 .model_name = m.name,
                 .keras_version = m.keras_version,
                 .layout = m.layout});
    if (o.output.empty()) {
        std::cout << header;
        return;
    }
    std::ofstream out = open_output(o.output);
    if (!(out << header) || !out.flush()) throw Error(fmt::format("{}: cannot write", o.output));
}

}  // namespace

void add_import_command(CLI::App& app) {
    auto o = std::make_shared<ImportOptions>();
    CLI::App* cmd = app.add_subcommand("import", "Print a C++ header declaring the model with the ganforge DSL");
    cmd->add_option("MODEL", o->model, "The model file (Keras JSON, TensorFlow.js model.json, Keras .keras or .h5, ONNX .onnx)")
        ->required();
    cmd->add_option("--name", o->name, "The C++ type's name (default: the Keras model's name in PascalCase)");
    cmd->add_option("--namespace", o->name_space, "The namespace to declare it in")->capture_default_str();
    cmd->add_option("-o,--output", o->output, "Write the header to this file instead of standard output");
    add_read_flags(*cmd, o->read);
    cmd->callback([o] { run(*o); });
}

}  // namespace ganforge::cli
