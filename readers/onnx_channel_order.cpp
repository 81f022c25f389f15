#include "readers/onnx_channel_order.hpp"

#include <ganforge/core/shape_rules.hpp>
#include "readers/onnx_translator.hpp"

namespace ganforge {

std::vector<std::size_t> crd_channels_of_dcr(std::size_t channels, std::size_t block) {
    std::vector<std::size_t> from(channels * block * block);
    for (std::size_t i = 0; i < block; ++i)
        for (std::size_t j = 0; j < block; ++j)
            for (std::size_t c = 0; c < channels; ++c)
                from[(i * block + j) * channels + c] = c * block * block + i * block + j;
    return from;
}

void reorder_axis(std::vector<float>& tensor, std::size_t inner, const std::vector<std::size_t>& from) {
    const std::vector<float> old = tensor;
    const std::size_t n = from.size(), outer = tensor.size() / (n * inner);
    for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t k = 0; k < n; ++k)
            for (std::size_t i = 0; i < inner; ++i)
                tensor[(o * n + k) * inner + i] = old[(o * n + from[k]) * inner + i];
}

std::size_t add_channel_permutation(Translator& t, const OnnxNode& n, TensorRef in,
                                    const std::vector<std::size_t>& from, std::string name) {
    const std::size_t c = from.size();
    std::vector<float> kernel(c * c, 0.0f);  // [1, 1, in, out]
    for (std::size_t k = 0; k < c; ++k) kernel[from[k] * c + k] = 1.0f;
    const LayerSpec l = shape_rules::convolution_spec(LayerKind::conv2d, int(c), Size2{1, 1}, Size2{1, 1},
                                                      Padding::valid, Activation::linear, false);
    return t.add_layer(n, l, {in}, std::move(name), {std::move(kernel)});
}

}  // namespace ganforge
