// The reference case refcases/dcgan_bn_small/model.json (a TensorFlow.js
// file) as a C++ type: `ganforge import` writes imported/dcgan_bn_small.hpp
// into the build tree at build time; this header is what ganforge_add_model
// and the program include, so the model is declared in exactly one place.
#pragma once

#include "imported/dcgan_bn_small.hpp"
