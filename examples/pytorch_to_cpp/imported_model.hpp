// The reference generator refcases-onnx/dcgan_nz16_ngf8_64x64/model.onnx
// (a PyTorch export) as a C++ type: `ganforge import` writes
// imported/pytorch_dcgan.hpp into the build tree at build time; this header is
// what ganforge_add_model and the program include, so the model is declared
// in exactly one place.
#pragma once

#include "imported/pytorch_dcgan.hpp"
