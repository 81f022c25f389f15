// The constant tensors of an ONNX graph (initializers, Constant nodes, and
// the shape arithmetic torch.onnx.export leaves) as plain values, every size
// checked before anything is allocated.
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

struct OnnxConstant {
    std::vector<long long> dims;
    bool is_int = false;            // int64/int32 values in `ints`, else floats
    std::vector<float> floats;
    std::vector<long long> ints;

    std::size_t size() const { return is_int ? ints.size() : floats.size(); }
    // Each value as a double (ints exactly up to 2^53).
    double number(std::size_t i) const { return is_int ? double(ints[i]) : double(floats[i]); }
};

// A float32, float64, int64 or int32 TensorProto, its data inline (raw_data
// or the typed field); `context` ("model.onnx: initializer 'w'") starts
// every error.
OnnxConstant read_onnx_tensor(const onnx::TensorProto& t, const std::string& context);

}  // namespace ganforge
