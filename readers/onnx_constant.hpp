// The constant tensors of an ONNX graph (initializers, Constant nodes, and
// what the constant subgraphs torch.onnx.export leaves compute) as plain
// values, every size checked before anything is allocated. Integers stay
// integers (int64 shapes beyond 2^24 never pass through a float).
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace onnx {
class TensorProto;
}

namespace ganforge {

// A dimension that Shape read from a tensor's symbolic batch axis: it stands
// for "the batch" until a Reshape target consumes it.
inline constexpr long long onnx_batch_dim = std::numeric_limits<long long>::min();

// As many dimensions as a constant may have, read or computed.
inline constexpr std::size_t max_constant_rank = 8;

struct OnnxConstant {
    std::vector<long long> dims;
    bool is_int = false;            // int64/int32 values in `ints`, else floats
    std::vector<float> floats;
    std::vector<long long> ints;

    std::size_t size() const { return is_int ? ints.size() : floats.size(); }
    // Each value as a double (ints exactly up to 2^53).
    double number(std::size_t i) const { return is_int ? double(ints[i]) : double(floats[i]); }
    // Sets value i to value j of `from`, a constant of the same kind.
    void take(std::size_t i, const OnnxConstant& from, std::size_t j) {
        if (is_int) ints[i] = from.ints[j];
        else floats[i] = from.floats[j];
    }
};

// How far apart neighbours along each axis of `dims` lie in the flat values.
inline std::vector<std::size_t> strides(const std::vector<long long>& dims) {
    std::vector<std::size_t> s(dims.size(), 1);
    for (std::size_t i = dims.size(); i-- > 1;) s[i - 1] = s[i] * std::size_t(dims[i]);
    return s;
}

// Calls f(i, at) for each of the `count` values of a tensor of `dims`, in
// order: i its flat index, `at` its coordinates.
template <typename F>
void for_each_value(const std::vector<long long>& dims, std::size_t count, F f) {
    std::vector<long long> at(dims.size(), 0);
    for (std::size_t i = 0; i < count; ++i) {
        f(i, at);
        for (std::size_t a = dims.size(); a-- > 0;) {
            if (++at[a] < dims[a]) break;
            at[a] = 0;
        }
    }
}

// A float32, float64, int64, int32 or bool TensorProto, its data inline (raw_data
// or the typed field); `context` ("model.onnx: initializer 'w'") starts
// every error.
OnnxConstant read_onnx_tensor(const onnx::TensorProto& t, const std::string& context);

}  // namespace ganforge
