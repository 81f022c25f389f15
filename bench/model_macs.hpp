// Multiply-adds per image, from the ModelSpec: the numerator of every GFLOPS
// counter (GFLOPS = 2 x multiply-adds x batch / time).
#pragma once

#include <cstdint>

#include <ganforge/core/model_spec.hpp>

namespace ganforge::bench {

// Which taps of a transposed convolution count. Either way the zeros a
// strided transposed convolution inserts are not counted (it is at most
// H*W*KH*KW*Cin*F, not OH*OW*KH*KW*Cin*F); they differ on the taps that
// padding 'same' crops away.
enum class TransposedTaps {
    inside_output,  // only taps that land inside the output: the useful work,
                    // what the GFLOPS counters and the generated steps count
    all,            // every input pixel x every tap, the cropped ones too
};

// Dense in*out (per row it acts on); Conv2D OH*OW*KH*KW*Cin*F as declared
// (padding taps included, an upsampled input counted at its high
// resolution); Conv2DTranspose as `taps` says; every other layer 0.
std::uint64_t layer_macs(const LayerSpec& layer, TransposedTaps taps = TransposedTaps::inside_output);

std::uint64_t model_macs(const ModelSpec& model, TransposedTaps taps = TransposedTaps::inside_output);

}  // namespace ganforge::bench
