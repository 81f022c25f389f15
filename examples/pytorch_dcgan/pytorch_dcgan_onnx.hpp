// The generator of pytorch/examples' DCGAN (dcgan/main.py: nz, ngf, nc) as
// torch.onnx.export (PyTorch 1.13, opset 13, eval mode, a symbolic batch)
// writes it: five ConvTranspose2d (4, 1, 0, then 4, 2, 1; no bias), each but
// the last followed by BatchNorm2d (kept as a node after a ConvTranspose) and
// ReLU, then Tanh; the same node names, initializer names, attributes and
// graph signature as the export (a test compares it with a real one). The
// weights are the example's own initialisation (convolutions N(0, 0.02),
// BatchNorm gamma N(1, 0.02), beta 0) from `seed`, with running statistics
// that no BatchNorm leaves an identity (mean N(0, 0.1), var in [0.5, 1.5]).
#pragma once

#include <cstdint>

#include <onnx/onnx_pb.h>

namespace examples {

onnx::ModelProto pytorch_dcgan_onnx(int nz, int ngf, int nc, std::uint64_t seed);

}  // namespace examples
