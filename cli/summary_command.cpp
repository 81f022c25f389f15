// `ganforge summary MODEL`: the Keras 2.2 summary of the model a file describes.
#include <iostream>
#include <memory>

#include <ganforge/dsl/summary.hpp>
#include <ganforge/readers/model_file.hpp>

#include "commands.hpp"

namespace ganforge::cli {

void add_summary_command(CLI::App& app) {
    auto model = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("summary", "Print the Keras 2.2 summary of a model (Keras JSON, "
                                                  "TensorFlow.js model.json, Keras .keras or .h5, ONNX .onnx)");
    cmd->add_option("MODEL", *model, "The model file")->required();
    cmd->callback([model] {
        const KerasModel m = read_model_config(*model);
        std::cout << summary(m.spec, m.input_layer);
    });
}

}  // namespace ganforge::cli
