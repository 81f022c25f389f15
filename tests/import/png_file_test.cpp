// PNG files in and out: a round trip in gray and RGB, libpng's conversions
// between them, and every bad file one ganforge::Error naming it, with no
// partial output left behind.
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ganforge/core/error.hpp>
#include <ganforge/readers/png_file.hpp>

namespace {

namespace gf = ganforge;
namespace fs = std::filesystem;
using testing::HasSubstr;
using testing::ThrowsMessage;

struct PngFile : testing::Test {
    fs::path dir = fs::temp_directory_path() / ("ganforge_png_" + std::to_string(::getpid()));
    void SetUp() override { fs::create_directories(dir); }
    void TearDown() override { fs::remove_all(dir); }
};

gf::Image8 gradient(std::size_t h, std::size_t w, std::size_t c) {
    gf::Image8 image{h, w, c, std::vector<std::uint8_t>(h * w * c)};
    for (std::size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = std::uint8_t(i * 7 % 256);
    return image;
}

TEST_F(PngFile, RoundTripsGrayAndRgb) {
    for (std::size_t c : {1u, 3u}) {
        const gf::Image8 image = gradient(5, 7, c);
        gf::write_png(dir / "a.png", image);
        const gf::Image8 back = gf::read_png(dir / "a.png", c);
        EXPECT_EQ(back.height, 5u);
        EXPECT_EQ(back.width, 7u);
        EXPECT_EQ(back.pixels, image.pixels);
        EXPECT_FALSE(fs::exists(dir / "a.png.partial"));
    }
}

TEST_F(PngFile, GrayReadAsRgbRepeatsItsValue) {
    gf::write_png(dir / "g.png", gradient(2, 3, 1));
    const gf::Image8 rgb = gf::read_png(dir / "g.png", 3);
    ASSERT_EQ(rgb.pixels.size(), 18u);
    for (std::size_t p = 0; p < 6; ++p) {
        EXPECT_EQ(rgb.pixels[3 * p], rgb.pixels[3 * p + 1]);
        EXPECT_EQ(rgb.pixels[3 * p], rgb.pixels[3 * p + 2]);
    }
}

TEST_F(PngFile, BadFilesAreOneErrorNamingThem) {
    std::ofstream(dir / "text.png") << "not a png at all";
    EXPECT_THAT([&] { gf::read_png(dir / "text.png", 3); },
                ThrowsMessage<gf::Error>(HasSubstr("text.png: not a PNG file libpng can read")));
    EXPECT_THAT([&] { gf::read_png(dir / "missing.png", 3); },
                ThrowsMessage<gf::Error>(HasSubstr("missing.png: no such file")));
    // A whole PNG cut short: its header reads, its pixels do not.
    gf::write_png(dir / "whole.png", gradient(64, 64, 3));
    const auto size = fs::file_size(dir / "whole.png");
    fs::copy_file(dir / "whole.png", dir / "cut.png");
    fs::resize_file(dir / "cut.png", size / 2);
    EXPECT_THAT([&] { gf::read_png(dir / "cut.png", 3); },
                ThrowsMessage<gf::Error>(HasSubstr("cut.png: the PNG is damaged or truncated")));
    EXPECT_THAT([&] { gf::read_png(dir / "whole.png", 4); },
                ThrowsMessage<gf::Error>(HasSubstr("whole.png: a PNG holds 1 (gray) or 3 (RGB) channels, not 4")));
}

TEST_F(PngFile, AFailedWriteLeavesNothing) {
    EXPECT_THAT([&] { gf::write_png(dir / "no" / "such" / "folder.png", gradient(2, 2, 3)); },
                ThrowsMessage<gf::Error>(HasSubstr("folder.png: cannot write the PNG")));
    gf::Image8 wrong = gradient(2, 2, 3);
    wrong.pixels.pop_back();
    EXPECT_THAT([&] { gf::write_png(dir / "w.png", wrong); },
                ThrowsMessage<gf::Error>(HasSubstr("w.png: the image holds 11 values, not 2x2x3")));
    EXPECT_TRUE(fs::is_empty(dir));
}

}  // namespace
