// A read-only zip archive through libzip (Keras 3's .keras files): members
// by name, each read whole into memory after its declared size is checked
// against the caller's limit, and read no further than that size (a member
// that inflates past it, a damaged entry or a checksum mismatch is refused).
// Every failure is a ganforge::Error naming the file and the member.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

struct zip;

namespace ganforge {

class ZipArchive {
public:
    static ZipArchive open(const std::filesystem::path& path);
    // The same from bytes in memory (fuzzers, tests); `bytes` must outlive it.
    static ZipArchive open_bytes(std::span<const std::byte> bytes, std::string origin);

    const std::string& origin() const { return origin_; }
    bool has(const std::string& member) const;
    // The member's bytes; an error if it is missing or declares more than
    // `max_bytes`.
    std::vector<std::byte> read(const std::string& member, std::size_t max_bytes) const;
    std::string read_text(const std::string& member, std::size_t max_bytes) const;

private:
    struct Close {
        void operator()(struct zip* archive) const;
    };
    ZipArchive(std::unique_ptr<struct zip, Close> archive, std::string origin);

    std::unique_ptr<struct zip, Close> archive_;
    std::string origin_;
};

}  // namespace ganforge
