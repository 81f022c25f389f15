#include <ganforge/readers/png_file.hpp>

#include <system_error>

#include <fmt/format.h>
#include <png.h>

#include <ganforge/core/error.hpp>
#include "readers/file_bytes.hpp"
#include "runtime/import_limits.hpp"

namespace ganforge {
namespace {

// A PNG file larger than this is refused before it is read (import_limits
// bounds the image it decodes to).
constexpr std::size_t max_png_bytes = std::size_t(1) << 31;

png_uint_32 png_format(std::size_t channels) { return channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY; }

void check_channels(const std::string& origin, std::size_t channels) {
    if (channels != 1 && channels != 3)
        throw Error(fmt::format("{}: a PNG holds 1 (gray) or 3 (RGB) channels, not {}", origin, channels));
}

// libpng's simplified API keeps its state in the png_image; this frees it
// on every path out.
struct PngImage {
    png_image image{};
    PngImage() { image.version = PNG_IMAGE_VERSION; }
    ~PngImage() { png_image_free(&image); }
    PngImage(const PngImage&) = delete;
    PngImage& operator=(const PngImage&) = delete;
};

}  // namespace

Image8 decode_png(std::span<const std::byte> bytes, std::size_t channels, const std::string& origin) {
    check_channels(origin, channels);
    PngImage png;
    if (!png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size()))
        throw Error(fmt::format("{}: not a PNG file libpng can read ({})", origin, png.image.message));
    Image8 out{png.image.height, png.image.width, channels, {}};
    if (out.height == 0 || out.width == 0 || out.height * out.width > import_limits::max_tensor_values / channels)
        throw Error(fmt::format("{}: a {}x{} image is beyond what ganforge reads ({} values)", origin, out.width,
                                out.height, import_limits::max_tensor_values));
    png.image.format = png_format(channels);
    out.pixels.resize(out.height * out.width * channels);
    if (!png_image_finish_read(&png.image, nullptr, out.pixels.data(), 0, nullptr))
        throw Error(fmt::format("{}: the PNG is damaged or truncated ({})", origin, png.image.message));
    return out;
}

Image8 read_png(const std::filesystem::path& path, std::size_t channels) {
    return decode_png(read_file_bytes(path, max_png_bytes), channels, path.string());
}

void write_png(const std::filesystem::path& path, const Image8& image) {
    check_channels(path.string(), image.channels);
    if (image.pixels.size() != image.height * image.width * image.channels)
        throw Error(fmt::format("{}: the image holds {} values, not {}x{}x{}", path.string(), image.pixels.size(),
                                image.height, image.width, image.channels));
    std::filesystem::path partial = path;
    partial += ".partial";
    PngImage png;
    png.image.width = png_uint_32(image.width);
    png.image.height = png_uint_32(image.height);
    png.image.format = png_format(image.channels);
    if (!png_image_write_to_file(&png.image, partial.c_str(), 0, image.pixels.data(), 0, nullptr)) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw Error(fmt::format("{}: cannot write the PNG ({})", path.string(), png.image.message));
    }
    std::error_code e;
    std::filesystem::rename(partial, path, e);
    if (e) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw Error(fmt::format("{}: cannot write the PNG ({})", path.string(), e.message()));
    }
}

}  // namespace ganforge
