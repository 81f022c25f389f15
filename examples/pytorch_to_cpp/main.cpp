// From a PyTorch generator to specialised C++, end to end:
//   torch.onnx.export -> model.onnx --(ganforge import, at build time)-->
//   imported::PytorchDcgan --(ganforge_add_model)--> pytorch_to_cpp::PytorchDcganNet;
// the file's weights come in with ganforge::load_weights (kernels transposed
// from PyTorch's layout once, as they are read). The network was generated
// with LAYOUT nchw: it takes and returns PyTorch's NCHW images (its last
// convolution writes channels first), so its output is compared with what
// PyTorch computed (output.bin) as it is.
// Usage: example_pytorch_to_cpp [refcase folder]   (exit 0 when it matches;
// default: the folder the model was imported from)
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <ganforge/ganforge.hpp>

#include "../reference_files.hpp"
#include "imported_model.hpp"
#include "pytorch_to_cpp_net.hpp"

namespace {

using Model = imported::PytorchDcgan;

}  // namespace

int main(int argc, char** argv) {
    if (argc > 2) {
        std::fprintf(stderr, "usage: %s [refcase folder with model.onnx, input.bin, output.bin]\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argc == 2 ? argv[1] : PYTORCH_TO_CPP_CASE_DIR;
    try {
        const ganforge::Weights<Model> weights = ganforge::load_weights<Model>(dir / "model.onnx");
        const pytorch_to_cpp::PytorchDcganNet net(weights);
        static_assert(pytorch_to_cpp::PytorchDcganNet::layout == ganforge::TensorLayout::nchw);
        const std::vector<float> z = examples::read_floats(dir / "input.bin");  // [N, nz, 1, 1]
        const std::vector<float> expected_nchw = examples::read_floats(dir / "output.bin");
        const std::size_t batch = z.size() / Model::input_shape.size();
        std::vector<float> images_nchw(batch * Model::output_shape.size());
        net.predict(z, images_nchw, batch);

        const double vs_pytorch = examples::scaled_error(images_nchw, expected_nchw);
        const std::string isa(net.isa());
        std::printf("%s", ganforge::summary<Model>().c_str());
        std::printf("generated network (%s path), batch %zu: max error %.3g of PyTorch's output scale "
                    "(tolerance 1e-4)\n",
                    isa.c_str(), batch, vs_pytorch);
        return vs_pytorch <= 1e-4 ? 0 : 1;
    } catch (const ganforge::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
