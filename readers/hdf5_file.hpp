// A read-only HDF5 file through the HDF5 C library, with what the Keras reader
// needs: groups by path, string attributes in every encoding h5py writes
// (fixed-length or variable-length, scalar or 1-D, an empty float64 array for
// an empty list) and float datasets converted to float32. Every HDF5 failure
// is a ganforge::Error naming the file and the object; HDF5's own error stack
// printing is switched off. Sizes are checked before anything is allocated,
// also against the file's own size: a small file cannot make the reader
// allocate much (its weights must be in its bytes).
// The HDF5 library Debian ships is not thread-safe: an open Hdf5File holds a
// process-wide lock, so threads that read .h5 files take turns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace ganforge {

// An owned HDF5 identifier (file, group, dataset, attribute, type, space).
class Hdf5Id {
public:
    Hdf5Id() = default;
    explicit Hdf5Id(long long id) : id_(id) {}
    Hdf5Id(Hdf5Id&& other) noexcept : id_(std::exchange(other.id_, -1)) {}
    Hdf5Id& operator=(Hdf5Id&& other) noexcept {
        std::swap(id_, other.id_);
        return *this;
    }
    ~Hdf5Id();
    long long get() const { return id_; }

private:
    long long id_ = -1;
};

class Hdf5Group {
public:
    Hdf5Group(Hdf5Id id, std::string origin, std::string path, std::uint64_t file_bytes)
        : id_(std::move(id)), origin_(std::move(origin)), path_(std::move(path)), file_bytes_(file_bytes) {}

    const std::string& path() const { return path_; }
    // "model.h5: /model_weights/dense": for messages.
    std::string where(const std::string& child = {}) const;

    bool has_attribute(const std::string& name) const;
    // A list of strings; an empty numeric array (h5py's empty list) is an
    // empty list, a scalar string a list of one.
    std::vector<std::string> string_list_attribute(const std::string& name) const;
    std::string string_attribute(const std::string& name) const;

    // `path` relative to this group, '/'-separated ("sequential/dense/kernel").
    bool has_group(const std::string& path) const;
    bool has_dataset(const std::string& path) const;
    Hdf5Group group(const std::string& path) const;

    struct FloatData {
        std::vector<std::size_t> shape;
        std::vector<float> values;
    };
    // A floating-point dataset of at most `max_values` values, as float32.
    // Its stored bytes are taken from `unclaimed_bytes` (start with the file's
    // size), so that datasets that claim more bytes than the file has, or
    // one dataset read twice through two links, are refused before their
    // values are allocated. Compressed data may expand to at most
    // max_compression_ratio times its stored bytes (deflate's limit).
    FloatData float_dataset(const std::string& path, std::size_t max_values, std::uint64_t& unclaimed_bytes) const;
    static constexpr std::uint64_t max_compression_ratio = 1032;

private:
    std::optional<int> object_type(const std::string& path) const;  // H5O_type_t, if it exists

    Hdf5Id id_;
    std::string origin_;
    std::string path_;
    std::uint64_t file_bytes_;
};

class Hdf5File {
public:
    static Hdf5File open(const std::filesystem::path& path);
    // The same from bytes in memory (HDF5's core driver; fuzzers and tests).
    static Hdf5File open_image(std::span<const std::byte> image, std::string origin);

    const std::string& origin() const { return origin_; }
    std::uint64_t size_bytes() const { return size_bytes_; }
    Hdf5Group root() const;

private:
    Hdf5File(std::unique_lock<std::recursive_mutex> lock, Hdf5Id id, std::string origin);
    std::unique_lock<std::recursive_mutex> lock_;  // first: released after the file is closed
    Hdf5Id id_;
    std::string origin_;
    std::uint64_t size_bytes_ = 0;
};

// True if the file starts with HDF5's signature (Keras files have no user block).
bool has_hdf5_signature(std::span<const std::byte> first_bytes);
bool is_hdf5_file(const std::filesystem::path& path);

}  // namespace ganforge
