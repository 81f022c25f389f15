// Weight data a Keras .h5 does not really hold. A dataset chunked and only
// partly written (a truncated copy, a writer that died): HDF5 reads the chunks
// that were never written as fill values, so without a check the model would
// silently run with zeros in place of weights. Datasets that claim more bytes
// than the file has (one dataset linked under several layers; sizes from a
// corrupt header): the reader would allocate their values before HDF5 fails
// to read them, so a small file could exhaust memory. Both are refused,
// naming the file and the dataset.
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>

#include <ganforge/core/error.hpp>
#include "readers/hdf5_file.hpp"
#include "readers/keras_h5.hpp"

namespace {

namespace fs = std::filesystem;

// An HDF5 handle closed at the end of the scope.
struct Handle {
    hid_t id;
    explicit Handle(hid_t i) : id(i) { EXPECT_GE(id, 0); }
    ~Handle() { H5Idec_ref(id); }
};

void string_attribute(hid_t object, const char* name, const std::string& value) {
    const Handle type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.id, value.size());
    const hsize_t one = 1;
    const Handle space(H5Screate_simple(1, &one, nullptr));
    const Handle attr(H5Acreate2(object, name, type.id, space.id, H5P_DEFAULT, H5P_DEFAULT));
    H5Awrite(attr.id, type.id, value.data());
}

fs::path temp_file(const std::string& name) {
    return fs::temp_directory_path() / ("ganforge_" + std::to_string(::getpid()) + "_" + name + ".h5");
}

// save_weights of one Dense layer (kernel [4, 3], no bias), its kernel in
// chunks of one row, of which only the first `rows_written` were written.
fs::path write_file(int rows_written) {
    const fs::path path = temp_file("partial_" + std::to_string(rows_written));
    const Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
    string_attribute(file.id, "layer_names", "dense");
    const Handle layer(H5Gcreate2(file.id, "dense", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    string_attribute(layer.id, "weight_names", "dense/kernel:0");
    const Handle inner(H5Gcreate2(layer.id, "dense", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const hsize_t dims[2] = {4, 3}, chunk[2] = {1, 3};
    const Handle space(H5Screate_simple(2, dims, nullptr));
    const Handle create(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_chunk(create.id, 2, chunk);
    const Handle data(H5Dcreate2(inner.id, "kernel:0", H5T_IEEE_F32LE, space.id, H5P_DEFAULT, create.id, H5P_DEFAULT));
    if (rows_written > 0) {
        const std::vector<float> values(std::size_t(rows_written) * 3, 0.5f);
        const hsize_t start[2] = {0, 0}, count[2] = {hsize_t(rows_written), 3};
        const Handle selected(H5Scopy(space.id));
        H5Sselect_hyperslab(selected.id, H5S_SELECT_SET, start, nullptr, count, nullptr);
        const Handle memory(H5Screate_simple(2, count, nullptr));
        EXPECT_GE(H5Dwrite(data.id, H5T_NATIVE_FLOAT, memory.id, selected.id, H5P_DEFAULT, values.data()), 0);
    }
    return path;
}

TEST(PartialH5Data, AFullyWrittenChunkedDatasetIsRead) {
    const fs::path path = write_file(4);
    const auto weights = ganforge::keras_h5_weights(ganforge::Hdf5File::open(path));
    ASSERT_EQ(weights.layers.size(), 1u);
    EXPECT_EQ(weights.layers[0].tensors.at(0).values, std::vector<float>(12, 0.5f));
    fs::remove(path);
}

TEST(PartialH5Data, ChunksNeverWrittenAreAnError) {
    for (const int rows : {1, 3}) {
        const fs::path path = write_file(rows);
        EXPECT_THAT([&] { ganforge::keras_h5_weights(ganforge::Hdf5File::open(path)); },
                    ::testing::ThrowsMessage<ganforge::Error>(::testing::AllOf(
                        ::testing::HasSubstr(path.string()), ::testing::HasSubstr("dense/dense/kernel:0"))))
            << rows << " of 4 rows written";
        fs::remove(path);
    }
}

// save_weights of `layers` Dense layers (kernel [rows, 256], no bias) whose
// kernels are one dataset, hard-linked into every layer's group, so the file
// holds the data once. Deflate-compressed when `compress`.
fs::path write_shared_kernel_file(int layers, hsize_t rows, bool compress) {
    const fs::path path = temp_file("shared_" + std::to_string(layers) + (compress ? "_deflate" : ""));
    const Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
    std::string names;
    for (int i = 0; i < layers; ++i) names += "dense_" + std::to_string(i) + std::string(16 - 6 - 1, '\0');
    {
        const Handle type(H5Tcopy(H5T_C_S1));
        H5Tset_size(type.id, 16);
        const hsize_t count = hsize_t(layers);
        const Handle space(H5Screate_simple(1, &count, nullptr));
        const Handle attr(H5Acreate2(file.id, "layer_names", type.id, space.id, H5P_DEFAULT, H5P_DEFAULT));
        H5Awrite(attr.id, type.id, names.data());
    }
    const hsize_t dims[2] = {rows, 256};
    const Handle space(H5Screate_simple(2, dims, nullptr));
    const Handle create(H5Pcreate(H5P_DATASET_CREATE));
    if (compress) {
        H5Pset_chunk(create.id, 2, dims);
        H5Pset_deflate(create.id, 9);
    }
    const Handle data(H5Dcreate2(file.id, "kernel", H5T_IEEE_F32LE, space.id, H5P_DEFAULT, create.id, H5P_DEFAULT));
    std::vector<float> values(std::size_t(rows) * 256);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = float(i % 7) * 0.25f;
    EXPECT_GE(H5Dwrite(data.id, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0);
    for (int i = 0; i < layers; ++i) {
        const std::string layer = "dense_" + std::to_string(i);
        const Handle group(H5Gcreate2(file.id, layer.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        string_attribute(group.id, "weight_names", layer + "/kernel:0");
        const Handle inner(H5Gcreate2(group.id, layer.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        EXPECT_GE(H5Lcreate_hard(file.id, "kernel", inner.id, "kernel:0", H5P_DEFAULT, H5P_DEFAULT), 0);
    }
    return path;
}

TEST(H5DataBounds, ADatasetLinkedOnceIsRead) {
    const fs::path path = write_shared_kernel_file(1, 64, false);
    const auto weights = ganforge::keras_h5_weights(ganforge::Hdf5File::open(path));
    ASSERT_EQ(weights.layers.size(), 1u);
    EXPECT_EQ(weights.layers[0].tensors.at(0).values.size(), 64u * 256);
    EXPECT_EQ(weights.layers[0].tensors.at(0).values[9], 0.5f);
    fs::remove(path);
}

TEST(H5DataBounds, CompressedDataIsRead) {
    const fs::path path = write_shared_kernel_file(1, 64, true);
    EXPECT_LT(fs::file_size(path), 64u * 256 * 4 / 4);  // it compressed well
    const auto weights = ganforge::keras_h5_weights(ganforge::Hdf5File::open(path));
    ASSERT_EQ(weights.layers.size(), 1u);
    EXPECT_EQ(weights.layers[0].tensors.at(0).values[9], 0.5f);
    fs::remove(path);
}

TEST(H5DataBounds, DataReadTwiceThroughLinksIsRefusedBeforeItIsAllocated) {
    // 64 KiB of data, four times: more than the file's bytes.
    const fs::path path = write_shared_kernel_file(4, 64, false);
    EXPECT_THAT([&] { ganforge::keras_h5_weights(ganforge::Hdf5File::open(path)); },
                ::testing::ThrowsMessage<ganforge::Error>(::testing::AllOf(
                    ::testing::HasSubstr(path.string()), ::testing::HasSubstr("kernel:0"),
                    ::testing::HasSubstr("claims 65536 bytes of data, more than the file's"))));
    fs::remove(path);
}

}  // namespace
