#include "keras_h5_writer.hpp"

#include <algorithm>
#include <stdexcept>

#include <hdf5.h>

namespace test_h5 {
namespace {

void check(herr_t status, const char* what) {
    if (status < 0) throw std::runtime_error(std::string("HDF5 writer: ") + what);
}

struct Id {
    hid_t id;
    explicit Id(hid_t i, const char* what) : id(i) {
        if (id < 0) throw std::runtime_error(std::string("HDF5 writer: ") + what);
    }
    ~Id() { H5Idec_ref(id); }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;
};

// numpy 'S<n>' as h5py stores it: fixed-length, NULLPAD, ASCII.
void string_list_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values) {
    std::size_t width = 1;
    for (const auto& v : values) width = std::max(width, v.size());
    if (values.empty()) {  // np.asarray([]) is float64
        const hsize_t zero = 0;
        Id space(H5Screate_simple(1, &zero, nullptr), "space");
        Id attr(H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space.id, H5P_DEFAULT, H5P_DEFAULT), "attr");
        return;
    }
    Id type(H5Tcopy(H5T_C_S1), "type");
    check(H5Tset_size(type.id, width), "size");
    check(H5Tset_strpad(type.id, H5T_STR_NULLPAD), "strpad");
    std::vector<char> bytes(values.size() * width, '\0');
    for (std::size_t i = 0; i < values.size(); ++i) std::copy(values[i].begin(), values[i].end(), bytes.begin() + i * width);
    const hsize_t n = values.size();
    Id space(H5Screate_simple(1, &n, nullptr), "space");
    Id attr(H5Acreate2(object, name.c_str(), type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), "attr");
    check(H5Awrite(attr.id, type.id, bytes.data()), "write attr");
}

// A bytes scalar (f.attrs['x'] = s.encode('utf8')): fixed-length, NULLPAD.
void string_attribute(hid_t object, const std::string& name, const std::string& value) {
    Id type(H5Tcopy(H5T_C_S1), "type");
    check(H5Tset_size(type.id, std::max<std::size_t>(value.size(), 1)), "size");
    check(H5Tset_strpad(type.id, H5T_STR_NULLPAD), "strpad");
    Id space(H5Screate(H5S_SCALAR), "space");
    Id attr(H5Acreate2(object, name.c_str(), type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), "attr");
    std::string padded = value;
    padded.resize(std::max<std::size_t>(value.size(), 1), '\0');
    check(H5Awrite(attr.id, type.id, padded.data()), "write attr");
}

void dataset(hid_t group, const std::string& path, const ganforge::FileTensor& t) {
    Id lcpl(H5Pcreate(H5P_LINK_CREATE), "lcpl");
    check(H5Pset_create_intermediate_group(lcpl.id, 1), "intermediate");
    std::vector<hsize_t> dims(t.shape.begin(), t.shape.end());
    Id space(H5Screate_simple(int(dims.size()), dims.data(), nullptr), "space");
    Id data(H5Dcreate2(group, path.c_str(), H5T_IEEE_F32LE, space.id, lcpl.id, H5P_DEFAULT, H5P_DEFAULT), "dataset");
    check(H5Dwrite(data.id, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, t.values.data()), "write dataset");
}

std::string weight_name(const File& f, const Layer& l, const ganforge::FileTensor& t) {
    if (l.full_names) return t.name;
    if (f.style == Style::keras3) return f.model_name + "/" + l.name + "/" + t.name;
    return l.name + "/" + t.name + ":0";
}

void weights(hid_t root, const File& f) {
    std::vector<std::string> names;
    for (const Layer& l : f.layers) names.push_back(l.name);
    if (f.split_layer_names) {
        const auto half = names.size() / 2;
        string_list_attribute(root, "layer_names0", {names.begin(), names.begin() + long(half)});
        string_list_attribute(root, "layer_names1", {names.begin() + long(half), names.end()});
    } else {
        string_list_attribute(root, "layer_names", names);
    }
    string_attribute(root, "backend", "tensorflow");
    string_attribute(root, "keras_version", f.style == Style::keras3 ? "3.3.3" : "2.2.4");
    for (const Layer& l : f.layers) {
        Id group(H5Gcreate2(root, l.name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "layer group");
        std::vector<std::string> weight_names;
        for (const auto& t : l.tensors) weight_names.push_back(weight_name(f, l, t));
        string_list_attribute(group.id, "weight_names", weight_names);
        for (std::size_t i = 0; i + (l.last_unwritten ? 1 : 0) < l.tensors.size(); ++i)
            dataset(group.id, weight_names[i], l.tensors[i]);
    }
    if (f.style == Style::keras3) {
        Id group(H5Gcreate2(root, "top_level_model_weights", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "top");
        string_list_attribute(group.id, "weight_names", {});
    }
}

// Keras 3's saving layout: the model's own (empty) vars, then every layer's.
void saving_layout(hid_t root, const File& f) {
    Id lcpl(H5Pcreate(H5P_LINK_CREATE), "lcpl");
    check(H5Pset_create_intermediate_group(lcpl.id, 1), "intermediate");
    Id own(H5Gcreate2(root, "vars", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "model vars");
    for (const Layer& l : f.layers) {
        Id vars(H5Gcreate2(root, (l.name + "/vars").c_str(), lcpl.id, H5P_DEFAULT, H5P_DEFAULT), "layer vars");
        for (std::size_t i = 0; i + (l.last_unwritten ? 1 : 0) < l.tensors.size(); ++i)
            dataset(vars.id, std::to_string(i), l.tensors[i]);
    }
}

}  // namespace

void write(const std::filesystem::path& path, const File& f) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    Id file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create file");
    if (f.style == Style::keras3_saving) {
        saving_layout(file.id, f);
        return;
    }
    if (f.style == Style::keras2_weights) {
        weights(file.id, f);
        return;
    }
    string_attribute(file.id, "keras_version", f.style == Style::keras3 ? "3.3.3" : "2.2.4");
    string_attribute(file.id, "backend", "tensorflow");
    string_attribute(file.id, "model_config", f.model_config);
    Id group(H5Gcreate2(file.id, "model_weights", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "model_weights");
    weights(group.id, f);
}

void replace_with_external_link(const std::filesystem::path& path, const std::string& name,
                                const std::filesystem::path& target) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    Id file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open file");
    check(H5Ldelete(file.id, name.c_str(), H5P_DEFAULT), "delete");
    check(H5Lcreate_external(target.c_str(), "/data", file.id, name.c_str(), H5P_DEFAULT, H5P_DEFAULT), "external link");
}

void replace_with_integers(const std::filesystem::path& path, const std::string& name) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    Id file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open file");
    hsize_t count = 0;
    {
        Id data(H5Dopen2(file.id, name.c_str(), H5P_DEFAULT), "open dataset");
        Id space(H5Dget_space(data.id), "space");
        count = hsize_t(H5Sget_simple_extent_npoints(space.id));
    }
    check(H5Ldelete(file.id, name.c_str(), H5P_DEFAULT), "delete");
    Id space(H5Screate_simple(1, &count, nullptr), "space");
    Id data(H5Dcreate2(file.id, name.c_str(), H5T_STD_I32LE, space.id, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "dataset");
    const std::vector<int> zeros(count, 0);
    check(H5Dwrite(data.id, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros.data()), "write");
}

}  // namespace test_h5
