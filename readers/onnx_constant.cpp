#include "readers/onnx_constant.hpp"

#include <cstdint>
#include <cstring>

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/error.hpp>
#include "runtime/import_limits.hpp"

namespace ganforge {
namespace {

// Little-endian values of type T from raw bytes, as ONNX stores raw_data.
template <typename T, typename Out>
void from_raw(const std::string& raw, std::vector<Out>& out, std::size_t count) {
    out.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        T v;
        std::memcpy(&v, raw.data() + i * sizeof(T), sizeof(T));
        out[i] = Out(v);
    }
}

template <typename Field, typename Out>
void from_field(const Field& field, std::vector<Out>& out) {
    out.assign(field.begin(), field.end());
}

}  // namespace

OnnxConstant read_onnx_tensor(const onnx::TensorProto& t, const std::string& context) {
    if (t.data_location() == onnx::TensorProto::EXTERNAL || t.external_data_size() > 0)
        throw Error(fmt::format("{}: its data is in an external file, which ganforge does not read "
                                "(export the model with its weights inside)", context));
    OnnxConstant c;
    std::size_t count = 1;
    if (std::size_t(t.dims_size()) > max_constant_rank)
        throw Error(fmt::format("{}: {} dimensions is too many", context, t.dims_size()));
    for (const long long d : t.dims()) {
        if (d < 0 || d > import_limits::max_extent)
            throw Error(fmt::format("{}: dimension {} is out of range", context, d));
        c.dims.push_back(d);
        count *= std::size_t(d);
        if (count > import_limits::max_tensor_values)
            throw Error(fmt::format("{}: more than {} values", context, import_limits::max_tensor_values));
    }
    const std::size_t element = [&]() -> std::size_t {
        switch (t.data_type()) {
            case onnx::TensorProto::FLOAT: return 4;
            case onnx::TensorProto::DOUBLE: return 8;
            case onnx::TensorProto::INT64: return 8;
            case onnx::TensorProto::INT32: return 4;
            case onnx::TensorProto::BOOL: return 1;
            default:
                throw Error(fmt::format("{}: data type {} is not supported (float, double, int64, int32 or bool)",
                                        context,
                                        onnx::TensorProto::DataType_Name(onnx::TensorProto::DataType(t.data_type()))));
        }
    }();
    const bool raw = t.has_raw_data();
    if (raw && t.raw_data().size() != count * element)
        throw Error(fmt::format("{}: raw_data holds {} bytes where its {} values need {}", context,
                                t.raw_data().size(), count, count * element));
    std::size_t stored = 0;
    switch (t.data_type()) {
        case onnx::TensorProto::FLOAT:
            if (raw) from_raw<float>(t.raw_data(), c.floats, count);
            else from_field(t.float_data(), c.floats);
            stored = c.floats.size();
            break;
        case onnx::TensorProto::DOUBLE:
            if (raw) from_raw<double>(t.raw_data(), c.floats, count);
            else from_field(t.double_data(), c.floats);
            stored = c.floats.size();
            break;
        case onnx::TensorProto::INT64:
            c.is_int = true;
            if (raw) from_raw<std::int64_t>(t.raw_data(), c.ints, count);
            else from_field(t.int64_data(), c.ints);
            stored = c.ints.size();
            break;
        case onnx::TensorProto::INT32:
            c.is_int = true;
            if (raw) from_raw<std::int32_t>(t.raw_data(), c.ints, count);
            else from_field(t.int32_data(), c.ints);
            stored = c.ints.size();
            break;
        default:  // BOOL: one byte each in raw_data, else int32_data
            c.is_int = true;
            if (raw) from_raw<std::uint8_t>(t.raw_data(), c.ints, count);
            else from_field(t.int32_data(), c.ints);
            for (long long& v : c.ints) v = v != 0;
            stored = c.ints.size();
            break;
    }
    if (stored != count)
        throw Error(fmt::format("{}: holds {} values where its dimensions need {}", context, stored, count));
    return c;
}

}  // namespace ganforge
