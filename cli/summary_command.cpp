// `ganforge summary MODEL`: the Keras 2.2 summary of the model a file
// describes; extents its inputs leave unknown print as None, as in Keras.
#include <iostream>
#include <memory>

#include <ganforge/dsl/summary.hpp>
#include <ganforge/readers/model_file.hpp>

#include "commands.hpp"
#include "read_flags.hpp"

namespace ganforge::cli {
namespace {

struct SummaryOptions {
    std::string model;
    ReadFlags read;
};

}  // namespace

void add_summary_command(CLI::App& app) {
    auto o = std::make_shared<SummaryOptions>();
    CLI::App* cmd = app.add_subcommand("summary", "Print the Keras 2.2 summary of a model (Keras JSON, "
                                                  "TensorFlow.js model.json, Keras .keras or .h5, ONNX .onnx)");
    cmd->add_option("MODEL", o->model, "The model file")->required();
    add_read_flags(*cmd, o->read);
    cmd->callback([o] {
        ReadOptions options = read_options(o->read, o->model);
        options.probe_unknown_extents = true;  // a summary needs no sizes
        const KerasModel m = read_model_config(o->model, options);
        std::cout << summary(m.spec, m.input_layer, m.unknown_extents);
    });
}

}  // namespace ganforge::cli
