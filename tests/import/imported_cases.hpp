// Every reference case (chains by their name, functional cases as
// "graph-<name>", ONNX cases as "onnx-<name>") as the C++ type `ganforge
// import` made of it at build time (imported_cases.cpp.in): its counts, and a
// runner that loads weights with ganforge::load_weights<Model> and runs
// ganforge::Interpreter<Model>.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <ganforge/core/shape.hpp>

struct ImportedCase {
    std::string name;
    std::size_t param_count;
    ganforge::Shape output_shape;
    // One input span per model input, in the model's input order.
    std::vector<float> (*run)(const std::filesystem::path& weights, std::span<const std::span<const float>> inputs,
                              std::size_t batch);
};

const std::vector<ImportedCase>& imported_cases();
