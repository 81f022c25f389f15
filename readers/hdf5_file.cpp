#include "readers/hdf5_file.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <limits>
#include <type_traits>

#include <fmt/format.h>
#include <hdf5.h>

#include <ganforge/core/error.hpp>
#include "readers/file_bytes.hpp"
#include "runtime/import_limits.hpp"

namespace ganforge {
namespace {

static_assert(sizeof(hid_t) == sizeof(long long) && std::is_signed_v<hid_t>);

constexpr std::array<unsigned char, 8> signature{0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
// Attributes Keras writes are small (h5py splits a list over 64 KiB into
// chunks); a model_config is a few hundred KiB at most.
constexpr std::size_t max_attribute_bytes = import_limits::max_json_bytes;

// Taken before the first HDF5 call of a file and held while it is open.
std::unique_lock<std::recursive_mutex> lock_hdf5() {
    static std::recursive_mutex m;
    std::unique_lock lock(m);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // no printing of HDF5's own error stack
    return lock;
}

// Splits "a/b/c" into its components; empty components are skipped.
std::vector<std::string> components(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = std::min(path.find('/', start), path.size());
        if (slash > start) parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

// Whether every value of the dataset was written: for a chunked one, every
// chunk its extent needs is stored.
bool fully_written(hid_t data, hid_t create_plist, hid_t space, H5D_layout_t layout, std::span<const hsize_t> dims) {
    if (layout != H5D_CHUNKED) {
        H5D_space_status_t status{};
        return H5Dget_space_status(data, &status) >= 0 && status == H5D_SPACE_STATUS_ALLOCATED;
    }
    std::array<hsize_t, 32> chunk{};
    if (create_plist < 0 || H5Pget_chunk(create_plist, int(chunk.size()), chunk.data()) != int(dims.size()))
        return false;
    hsize_t needed = 1;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (chunk[i] == 0) return false;
        needed *= (dims[i] + chunk[i] - 1) / chunk[i];
    }
    hsize_t stored = 0;
    return H5Dget_num_chunks(data, space, &stored) >= 0 && stored == needed;
}

}  // namespace

Hdf5Id::~Hdf5Id() {
    if (id_ >= 0) H5Idec_ref(hid_t(id_));
}

std::string Hdf5Group::where(const std::string& child) const {
    if (child.empty()) return fmt::format("{}: {}", origin_, path_);
    return fmt::format("{}: {}/{}", origin_, path_ == "/" ? "" : path_, child);
}

bool Hdf5Group::has_attribute(const std::string& name) const {
    return H5Aexists(hid_t(id_.get()), name.c_str()) > 0;
}

std::vector<std::string> Hdf5Group::string_list_attribute(const std::string& name) const {
    const std::string at = fmt::format("{} attribute '{}'", where(), name);
    auto fail = [&](std::string_view problem) { return Error(fmt::format("{}: {}", at, problem)); };
    const Hdf5Id attr(H5Aopen(hid_t(id_.get()), name.c_str(), H5P_DEFAULT));
    if (attr.get() < 0) throw fail("cannot be opened");
    const Hdf5Id type(H5Aget_type(hid_t(attr.get())));
    const Hdf5Id space(H5Aget_space(hid_t(attr.get())));
    if (type.get() < 0 || space.get() < 0) throw fail("cannot be read");
    const int rank = H5Sget_simple_extent_ndims(hid_t(space.get()));
    const hssize_t count = H5Sget_simple_extent_npoints(hid_t(space.get()));
    if (rank < 0 || rank > 1 || count < 0) throw fail("is not a list");
    const auto n = std::size_t(count);
    // Each string takes at least a byte of the file (a variable-length one
    // 16), so a count above the file's size is a corrupt header.
    if (n > file_bytes_) throw fail(fmt::format("declares {} values, more than the file's {} bytes", n, file_bytes_));
    if (H5Tget_class(hid_t(type.get())) != H5T_STRING) {
        if (n == 0) return {};  // h5py writes an empty list as an empty float64 array
        throw fail("is not a list of strings");
    }
    std::vector<std::string> strings;
    if (H5Tis_variable_str(hid_t(type.get())) > 0) {
        if (n > max_attribute_bytes) throw fail("is too long");
        const Hdf5Id memory(H5Tcopy(H5T_C_S1));
        H5Tset_size(hid_t(memory.get()), H5T_VARIABLE);
        H5Tset_cset(hid_t(memory.get()), H5Tget_cset(hid_t(type.get())));
        std::vector<char*> pointers(n, nullptr);
        if (H5Aread(hid_t(attr.get()), hid_t(memory.get()), pointers.data()) < 0) throw fail("cannot be read");
        std::size_t total = 0;
        for (const char* p : pointers) {
            strings.emplace_back(p ? p : "");
            total += strings.back().size();
        }
        H5Dvlen_reclaim(hid_t(memory.get()), hid_t(space.get()), H5P_DEFAULT, pointers.data());
        if (total > max_attribute_bytes) throw fail("is too long");
        return strings;
    }
    const std::size_t size = H5Tget_size(hid_t(type.get()));
    if (size == 0 || n > max_attribute_bytes / size) throw fail("is too long");
    std::vector<char> bytes(n * size);
    if (H5Aread(hid_t(attr.get()), hid_t(type.get()), bytes.data()) < 0) throw fail("cannot be read");
    const bool space_padded = H5Tget_strpad(hid_t(type.get())) == H5T_STR_SPACEPAD;
    for (std::size_t i = 0; i < n; ++i) {
        std::string s(bytes.data() + i * size, size);
        s.resize(std::min(s.find('\0'), s.size()));
        if (space_padded) s.erase(s.find_last_not_of(' ') + 1);
        strings.push_back(std::move(s));
    }
    return strings;
}

std::string Hdf5Group::string_attribute(const std::string& name) const {
    auto strings = string_list_attribute(name);
    if (strings.size() != 1)
        throw Error(fmt::format("{} attribute '{}': expected one string, found {}", where(), name, strings.size()));
    return std::move(strings[0]);
}

std::optional<int> Hdf5Group::object_type(const std::string& path) const {
    const auto parts = components(path);
    if (parts.empty()) return std::nullopt;
    std::string prefix;
    for (const std::string& part : parts) {
        prefix += prefix.empty() ? part : "/" + part;
        if (H5Lexists(hid_t(id_.get()), prefix.c_str(), H5P_DEFAULT) <= 0) return std::nullopt;
        // Only the file's own objects: soft and external links could lead
        // into other files (h5py writes hard links only).
        H5L_info_t link{};
        if (H5Lget_info(hid_t(id_.get()), prefix.c_str(), &link, H5P_DEFAULT) < 0 || link.type != H5L_TYPE_HARD)
            return std::nullopt;
    }
    const Hdf5Id object(H5Oopen(hid_t(id_.get()), prefix.c_str(), H5P_DEFAULT));
    if (object.get() < 0) return std::nullopt;
    return int(H5Iget_type(hid_t(object.get())));
}

bool Hdf5Group::has_group(const std::string& path) const { return object_type(path) == int(H5I_GROUP); }

bool Hdf5Group::has_dataset(const std::string& path) const { return object_type(path) == int(H5I_DATASET); }

Hdf5Group Hdf5Group::group(const std::string& path) const {
    if (!has_group(path)) throw Error(fmt::format("{}: no such group", where(path)));
    Hdf5Id id(H5Gopen2(hid_t(id_.get()), path.c_str(), H5P_DEFAULT));
    if (id.get() < 0) throw Error(fmt::format("{}: cannot open the group", where(path)));
    return Hdf5Group(std::move(id), origin_, (path_ == "/" ? "" : path_) + "/" + path, file_bytes_);
}

Hdf5Group::FloatData Hdf5Group::float_dataset(const std::string& path, std::size_t max_values,
                                              std::uint64_t& unclaimed_bytes) const {
    auto fail = [&](std::string_view problem) { return Error(fmt::format("{}: {}", where(path), problem)); };
    if (!has_dataset(path)) throw fail("no such dataset");
    const Hdf5Id data(H5Dopen2(hid_t(id_.get()), path.c_str(), H5P_DEFAULT));
    if (data.get() < 0) throw fail("cannot open the dataset");
    const Hdf5Id type(H5Dget_type(hid_t(data.get())));
    const Hdf5Id space(H5Dget_space(hid_t(data.get())));
    if (type.get() < 0 || space.get() < 0) throw fail("cannot read the dataset's type and shape");
    const H5T_class_t type_class = H5Tget_class(hid_t(type.get()));
    if (type_class != H5T_FLOAT)
        throw fail(fmt::format("holds {} values; ganforge reads floating-point weights",
                               type_class == H5T_INTEGER ? "integer" : type_class == H5T_STRING ? "string" : "non-float"));
    const int rank = H5Sget_simple_extent_ndims(hid_t(space.get()));
    if (rank < 0 || rank > 8) throw fail("has an unreadable shape");
    std::array<hsize_t, 8> dims{};
    H5Sget_simple_extent_dims(hid_t(space.get()), dims.data(), nullptr);
    FloatData out;
    double count = 1;
    for (int i = 0; i < rank; ++i) {
        out.shape.push_back(std::size_t(dims[std::size_t(i)]));
        count *= double(dims[std::size_t(i)]);
    }
    if (count > double(max_values)) throw fail(fmt::format("has more than {} values", max_values));
    const auto n = std::size_t(count);
    // Data a truncated or hand-made file never wrote would read as fill values.
    const Hdf5Id plist(H5Dget_create_plist(hid_t(data.get())));
    const H5D_layout_t layout = plist.get() >= 0 ? H5Pget_layout(hid_t(plist.get())) : H5D_LAYOUT_ERROR;
    const hsize_t stored = H5Dget_storage_size(hid_t(data.get()));
    const hsize_t needed = hsize_t(n) * H5Tget_size(hid_t(type.get()));
    if (n > 0 && (stored == 0 || (layout != H5D_CHUNKED && stored < needed)))
        throw fail(fmt::format("holds {} bytes of data, its shape needs {}", stored, needed));
    // A chunked dataset may have some chunks written and others not. (HDF5's
    // space status cannot tell: it calls compressed chunks partly allocated.)
    if (n > 0 && !fully_written(data.get(), plist.get(), space.get(), layout, std::span(dims.data(), std::size_t(rank))))
        throw fail("has parts that were never written (a truncated or hand-made file?)");
    // Its bytes must be in the file, and in no dataset read before (HDF5
    // checks neither against the file's end), and compressed data can only
    // expand so far: the values allocated below are bounded by the file.
    if (stored > unclaimed_bytes)
        throw fail(fmt::format("claims {} bytes of data, more than the file's {} bytes hold besides the weights "
                               "read before it (a corrupt file?)", stored, unclaimed_bytes));
    const int filters = plist.get() >= 0 ? H5Pget_nfilters(hid_t(plist.get())) : -1;
    if (filters < 0 || (filters == 0 && stored < needed) || needed / max_compression_ratio > stored)
        throw fail(fmt::format("holds {} bytes of data, too few for its {} values", stored, n));
    unclaimed_bytes -= stored;
    out.values.resize(n);
    if (n > 0 && H5Dread(hid_t(data.get()), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.values.data()) < 0)
        throw fail("cannot be read (a corrupt or truncated file?)");
    return out;
}

Hdf5File Hdf5File::open(const std::filesystem::path& path) {
    checked_file_size(path, std::numeric_limits<std::size_t>::max());
    auto lock = lock_hdf5();
    Hdf5Id id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (id.get() < 0)
        throw Error(fmt::format("{}: not a readable HDF5 file (corrupt or truncated?)", path.string()));
    return Hdf5File(std::move(lock), std::move(id), path.string());
}

Hdf5File Hdf5File::open_image(std::span<const std::byte> image, std::string origin) {
    if (!has_hdf5_signature(image)) throw Error(fmt::format("{}: not an HDF5 file", origin));
    auto lock = lock_hdf5();
    const Hdf5Id access(H5Pcreate(H5P_FILE_ACCESS));
    if (access.get() < 0 || H5Pset_fapl_core(hid_t(access.get()), 1 << 16, false) < 0 ||
        H5Pset_file_image(hid_t(access.get()), const_cast<std::byte*>(image.data()), image.size()) < 0)
        throw Error(fmt::format("{}: cannot set up reading from memory", origin));
    Hdf5Id id(H5Fopen(origin.c_str(), H5F_ACC_RDONLY, hid_t(access.get())));
    if (id.get() < 0) throw Error(fmt::format("{}: not a readable HDF5 file (corrupt or truncated?)", origin));
    return Hdf5File(std::move(lock), std::move(id), std::move(origin));
}

Hdf5File::Hdf5File(std::unique_lock<std::recursive_mutex> lock, Hdf5Id id, std::string origin)
    : lock_(std::move(lock)), id_(std::move(id)), origin_(std::move(origin)) {
    hsize_t size = 0;
    if (H5Fget_filesize(hid_t(id_.get()), &size) < 0) throw Error(fmt::format("{}: cannot tell its size", origin_));
    size_bytes_ = size;
}

Hdf5Group Hdf5File::root() const {
    Hdf5Id id(H5Gopen2(hid_t(id_.get()), "/", H5P_DEFAULT));
    if (id.get() < 0) throw Error(fmt::format("{}: cannot open the root group", origin_));
    return Hdf5Group(std::move(id), origin_, "/", size_bytes_);
}

bool has_hdf5_signature(std::span<const std::byte> first_bytes) {
    return first_bytes.size() >= signature.size() &&
           std::equal(signature.begin(), signature.end(), first_bytes.begin(),
                      [](unsigned char s, std::byte b) { return std::byte(s) == b; });
}

bool is_hdf5_file(const std::filesystem::path& path) {
    std::array<std::byte, signature.size()> head{};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(head.data()), std::streamsize(head.size()));
    return in.gcount() == std::streamsize(head.size()) && has_hdf5_signature(head);
}

}  // namespace ganforge
