// PNG files in and out, as 8-bit images: what `ganforge predict --image` and
// an upscaler program read and write. Any PNG libpng reads (gray or colour,
// palette, 16-bit, interlaced, with alpha) comes in as gray or RGB.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace ganforge {

// height x width x channels 8-bit values, row-major, channels 1 (gray) or
// 3 (RGB).
struct Image8 {
    std::size_t height = 0, width = 0, channels = 0;
    std::vector<std::uint8_t> pixels;
};

// The PNG at `path` with `channels` channels (1: gray, 3: RGB; colour
// turned gray or gray repeated as libpng converts, alpha composited onto
// black, which leaves an opaque image as it is). A file that is not a PNG,
// is truncated or holds more than import_limits' values is a
// ganforge::Error naming the file.
Image8 read_png(const std::filesystem::path& path, std::size_t channels);
// The same from a PNG's bytes; `origin` (a file name) starts every error.
Image8 decode_png(std::span<const std::byte> bytes, std::size_t channels, const std::string& origin);

// Writes `image` as a PNG at `path`, whole or not at all: a temporary file
// beside it, renamed over it once complete. Errors name the file.
void write_png(const std::filesystem::path& path, const Image8& image);

}  // namespace ganforge
