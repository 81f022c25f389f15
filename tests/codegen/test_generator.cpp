// Generates every test model (reference cases and edge models; the ONNX cases
// and edge models also channels first, as <name>_nchw) with the same
// generate_files that ganforge_add_model's generators call, then writes a few
// bundle sources that include them (one per ISA and chunk), so that a hundred
// models compile as a dozen translation units, each ISA with its own flags.
// Usage: codegen_test_generator <output dir> <chunks>
#include <cstdint>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "codegen/generator.hpp"

#include "test_models.hpp"

namespace {

struct Entry {
    std::string name, type;
    ganforge::ModelSpec model;
    ganforge::TensorLayout layout = ganforge::TensorLayout::nhwc;
    bool fixed_size = false;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: codegen_test_generator <output dir> <chunks>\n";
        return 2;
    }
    const std::string dir = argv[1];
    const std::size_t chunks = std::stoul(argv[2]);
    std::vector<Entry> entries;
#define GANFORGE_REFCASE_ENTRY(name, T, folder) entries.push_back({#name, #T, T::spec()});
#define GANFORGE_EDGE_ENTRY(name, T) entries.push_back({#name, #T, T::spec()});
#define GANFORGE_NCHW_ENTRY(name, T, ...) entries.push_back({#name "_nchw", #T, T::spec(), ganforge::TensorLayout::nchw});
    // The edge models channels first at their declared size alone: their
    // any-size kernels are the channels-last ones (the ONNX cases run them
    // channels first).
#define GANFORGE_NCHW_FIXED_ENTRY(name, T) \
    entries.push_back({#name "_nchw", #T, T::spec(), ganforge::TensorLayout::nchw, true});
    GANFORGE_REFCASE_MODELS(GANFORGE_REFCASE_ENTRY)
    GANFORGE_EDGE_MODELS(GANFORGE_EDGE_ENTRY)
    GANFORGE_ONNX_REFCASE_MODELS(GANFORGE_NCHW_ENTRY)
    GANFORGE_EDGE_MODELS(GANFORGE_NCHW_FIXED_ENTRY)
    try {
        std::vector<ganforge::codegen::GeneratedFile> bundles{{"bundle.hpp", "#pragma once\n"}};
        for (std::size_t k = 0; k < chunks; ++k) {
            bundles.push_back({fmt::format("bundle_network_{}.cpp", k), ""});
            for (ganforge::Isa isa : ganforge::codegen::generated_isas)
                bundles.push_back({fmt::format("bundle_{}_{}.cpp", ganforge::isa_name(isa), k), ""});
        }
        const std::size_t per_chunk = 1 + std::size(ganforge::codegen::generated_isas);
        // Each bundle names a hash of what it includes: the build knows only
        // the bundles as the generator's products, so a bundle must change
        // when one of its models does, to be compiled again in the same build.
        std::vector<std::uint64_t> hashes(bundles.size(), 14695981039346656037ull);
        auto mix = [&](std::size_t b, const std::string& text) {
            for (const char ch : text) hashes[b] = (hashes[b] ^ std::uint64_t(static_cast<unsigned char>(ch))) * 1099511628211ull;
        };
        for (std::size_t i = 0; i < entries.size(); ++i) {
            ganforge::codegen::GeneratorOptions o;
            o.header_name = "test_models.hpp";
            o.model_type = entries[i].type;
            o.target = entries[i].name;
            o.name_space = "codegen_test";
            o.plan.layout = entries[i].layout;
            o.fixed_size = entries[i].fixed_size;
            const auto files = ganforge::codegen::generate_files(entries[i].model, o);
            ganforge::codegen::write_files(files, dir);
            bundles[0].content += fmt::format("#include \"{}\"\n", files[0].name);
            mix(0, files[0].content);
            for (std::size_t f = 1; f < files.size(); ++f) {
                const std::size_t b = 1 + (i % chunks) * per_chunk + f - 1;
                bundles[b].content += fmt::format("#include \"{}\"\n", files[f].name);
                mix(b, files[f].content);
            }
        }
        for (std::size_t b = 0; b < bundles.size(); ++b)
            bundles[b].content = fmt::format("// Models of hash {:016x}\n", hashes[b]) + bundles[b].content;
        ganforge::codegen::write_files(bundles, dir);
    } catch (const std::exception& e) {
        std::cerr << "codegen_test_generator: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
