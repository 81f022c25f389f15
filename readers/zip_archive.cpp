#include "readers/zip_archive.hpp"

#include <zip.h>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>

namespace ganforge {
namespace {

std::string error_text(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

struct CloseFile {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

void ZipArchive::Close::operator()(struct zip* archive) const { zip_discard(archive); }

ZipArchive::ZipArchive(std::unique_ptr<struct zip, Close> archive, std::string origin)
    : archive_(std::move(archive)), origin_(std::move(origin)) {}

ZipArchive ZipArchive::open(const std::filesystem::path& path) {
    int code = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!archive) throw Error(fmt::format("{}: not a readable zip archive ({})", path.string(), error_text(code)));
    return ZipArchive(std::unique_ptr<struct zip, Close>(archive), path.string());
}

ZipArchive ZipArchive::open_bytes(std::span<const std::byte> bytes, std::string origin) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
    if (!archive) {
        if (source) zip_source_free(source);
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw Error(fmt::format("{}: not a readable zip archive ({})", origin, text));
    }
    zip_error_fini(&error);
    return ZipArchive(std::unique_ptr<struct zip, Close>(archive), std::move(origin));
}

bool ZipArchive::has(const std::string& member) const {
    return zip_name_locate(archive_.get(), member.c_str(), 0) >= 0;
}

std::vector<std::byte> ZipArchive::read(const std::string& member, std::size_t max_bytes) const {
    const std::string where = fmt::format("{}: member '{}'", origin_, member);
    const zip_int64_t index = zip_name_locate(archive_.get(), member.c_str(), 0);
    if (index < 0) throw Error(fmt::format("{}: the archive has no '{}'", origin_, member));
    zip_stat_t stat;
    if (zip_stat_index(archive_.get(), zip_uint64_t(index), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
        throw Error(fmt::format("{}: its entry is damaged ({})", where, zip_strerror(archive_.get())));
    if (stat.size > max_bytes)
        throw Error(fmt::format("{} declares {} bytes, more than ganforge reads ({})", where, stat.size, max_bytes));
    std::unique_ptr<zip_file_t, CloseFile> file(zip_fopen_index(archive_.get(), zip_uint64_t(index), 0));
    if (!file) throw Error(fmt::format("{}: cannot be read ({})", where, zip_strerror(archive_.get())));
    // One byte more than declared: a member that inflates past its size is
    // refused rather than read on.
    std::vector<std::byte> bytes(std::size_t(stat.size) + 1);
    std::size_t got = 0;
    while (got < bytes.size()) {
        const zip_int64_t n = zip_fread(file.get(), bytes.data() + got, bytes.size() - got);
        if (n < 0) throw Error(fmt::format("{}: cannot be read ({})", where, zip_file_strerror(file.get())));
        if (n == 0) break;
        got += std::size_t(n);
    }
    if (got != stat.size)
        throw Error(fmt::format("{} declares {} bytes but holds {}{}", where, stat.size, got,
                                got > stat.size ? " or more" : ""));
    bytes.resize(got);
    return bytes;
}

std::string ZipArchive::read_text(const std::string& member, std::size_t max_bytes) const {
    const std::vector<std::byte> bytes = read(member, max_bytes);
    return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

}  // namespace ganforge
