// Channels that ganforge holds in another order than ONNX: PyTorch's pixel
// shuffles number a block's channels c*b*b + i*b + j (ONNX's CRD), ganforge's
// DepthToSpace and SpaceToDepth (TensorFlow's) (i*b + j)*C + c (DCR). The
// reader moves the weights of a convolution next to the shuffle where it
// can, so the model gains no layer, and else adds an exact permutation.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <ganforge/core/layer_spec.hpp>

namespace ganforge {

class Translator;
struct OnnxNode;

// For each DCR channel k of a shuffle of `channels` channels per pixel of
// the image and blocks of `block` x `block`: the CRD channel that holds the
// same channel and block position.
std::vector<std::size_t> crd_channels_of_dcr(std::size_t channels, std::size_t block);

// `tensor` seen as [outer, from.size(), inner]: index k of the middle axis
// becomes what index from[k] was.
void reorder_axis(std::vector<float>& tensor, std::size_t inner, const std::vector<std::size_t>& from);

// A layer after `in` whose channel k is in's channel from[k]: a 1x1 Conv2D
// with a 0/1 kernel and no bias, which copies each value exactly (x * 1,
// plus zeros).
std::size_t add_channel_permutation(Translator& t, const OnnxNode& n, TensorRef in,
                                    const std::vector<std::size_t>& from, std::string name);

}  // namespace ganforge
