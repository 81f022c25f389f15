#include <ganforge/runtime/tensor_layout.hpp>

#include <algorithm>

namespace ganforge {
namespace {

// One image's H x W x C values between the two orders.
void transpose_images(std::span<const float> from, std::span<float> to, const Shape& shape, std::size_t batch,
                      bool channels_first_source) {
    if (shape.rank() != 3) {
        std::copy(from.begin(), from.end(), to.begin());
        return;
    }
    const std::size_t hw = shape[0] * shape[1], c = shape[2], image = hw * c;
    for (std::size_t n = 0; n < batch; ++n)
        for (std::size_t p = 0; p < hw; ++p)
            for (std::size_t k = 0; k < c; ++k) {
                const std::size_t last = n * image + p * c + k, first = n * image + k * hw + p;
                if (channels_first_source) to[last] = from[first];
                else to[first] = from[last];
            }
}

}  // namespace

std::optional<TensorLayout> parse_layout(std::string_view name) {
    if (name == "nhwc") return TensorLayout::nhwc;
    if (name == "nchw") return TensorLayout::nchw;
    return std::nullopt;
}

void to_channels_last(std::span<const float> from, std::span<float> to, const Shape& shape, std::size_t batch) {
    transpose_images(from, to, shape, batch, true);
}

void to_channels_first(std::span<const float> from, std::span<float> to, const Shape& shape, std::size_t batch) {
    transpose_images(from, to, shape, batch, false);
}

}  // namespace ganforge
