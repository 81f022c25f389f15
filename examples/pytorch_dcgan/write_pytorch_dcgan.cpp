// Writes pytorch/examples' DCGAN generator as its ONNX export would be, with
// seeded weights:  write_pytorch_dcgan <nz> <ngf> <nc> <out.onnx>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "pytorch_dcgan_onnx.hpp"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s <nz> <ngf> <nc> <out.onnx>\n", argv[0]);
        return 2;
    }
    const onnx::ModelProto m =
        examples::pytorch_dcgan_onnx(std::atoi(argv[1]), std::atoi(argv[2]), std::atoi(argv[3]), 1);
    std::ofstream out(argv[4], std::ios::binary | std::ios::trunc);
    if (!m.SerializeToOstream(&out) || !out.flush()) {
        std::fprintf(stderr, "%s: cannot write\n", argv[4]);
        return 1;
    }
    return 0;
}
