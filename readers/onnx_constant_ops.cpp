// The constants of an ONNX graph and the shape arithmetic torch.onnx.export
// leaves around them (Shape, Gather, Cast, Concat of shapes), evaluated once
// here: their outputs are constants, never layers.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

void set_constant(Translator& t, const OnnxNode& n, OnnxConstant c) {
    Value v;
    v.constant = std::move(c);
    t.set_output(n, std::move(v));
}

}  // namespace

void constant_node(Translator& t, OnnxNode& n) {
    OnnxAttributes& a = n.attributes;
    OnnxConstant c;
    if (const onnx::TensorProto* p = a.tensor("value")) c = read_onnx_tensor(*p, a.context());
    else if (a.has("value_float")) c.floats = {a.number("value_float", 0.0f)};
    else if (a.has("value_floats")) {
        c.floats = a.numbers("value_floats");
        c.dims = {(long long)c.floats.size()};
    } else if (a.has("value_int")) {
        c.is_int = true;
        c.ints = {a.integer("value_int", 0)};
    } else if (a.has("value_ints")) {
        c.is_int = true;
        c.ints = a.integers("value_ints", {});
        c.dims = {(long long)c.ints.size()};
    } else
        a.fail("only a tensor, float(s) or int(s) value is supported");
    set_constant(t, n, std::move(c));
}

// Shape: the tensor's dims, the batch as onnx_batch_dim.
void shape_of(Translator& t, OnnxNode& n) {
    const Dims full = t.input(n, 0).full_dims();
    const long long rank = (long long)full.size();
    auto clamp = [&](long long i) { return std::clamp(i < 0 ? i + rank : i, 0LL, rank); };
    const long long start = clamp(n.attributes.integer("start", 0)), end = clamp(n.attributes.integer("end", rank));
    OnnxConstant c;
    c.is_int = true;
    if (start < end) c.ints.assign(full.begin() + start, full.begin() + end);
    c.dims = {(long long)c.ints.size()};
    set_constant(t, n, std::move(c));
}

void gather(Translator& t, OnnxNode& n) {
    const OnnxConstant& data = t.constant_input(n, 0, "data");
    const OnnxConstant& indices = t.constant_input(n, 1, "indices");
    if (n.attributes.integer("axis", 0) != 0 || data.dims.size() != 1 || !indices.is_int)
        n.attributes.fail("only Gather of integer indices from a 1-D constant is supported");
    OnnxConstant c;
    c.is_int = data.is_int;
    c.dims = indices.dims;
    const auto size = (long long)data.size();
    for (const long long i : indices.ints) {
        const long long at = i < 0 ? i + size : i;
        if (at < 0 || at >= size) n.attributes.fail(fmt::format("index {} is out of range for {} values", i, size));
        if (c.is_int) c.ints.push_back(data.ints[std::size_t(at)]);
        else c.floats.push_back(data.floats[std::size_t(at)]);
    }
    set_constant(t, n, std::move(c));
}

// A tensor passes through a Cast to float unchanged: ganforge computes in
// float32.
void cast(Translator& t, OnnxNode& n) {
    const long long to = n.attributes.integer("to", 0);
    const Value& x = t.input(n, 0);
    const bool to_int = to == onnx::TensorProto::INT64 || to == onnx::TensorProto::INT32;
    const bool to_float = to == onnx::TensorProto::FLOAT || to == onnx::TensorProto::DOUBLE;
    if (!x.constant) {
        if (!to_float) n.attributes.fail("a tensor can only be cast to float");
        return t.alias(n, 0);
    }
    if (!to_int && !to_float) n.attributes.fail(fmt::format("cast to data type {} is not supported", to));
    OnnxConstant c = *x.constant;
    if (to_int && !c.is_int) {
        for (const float f : c.floats) {
            if (!(std::fabs(f) < 0x1p62f)) n.attributes.fail(fmt::format("{} does not cast to an integer", f));
            c.ints.push_back((long long)f);
        }
        c.floats.clear();
    } else if (to_float && c.is_int) {
        for (const long long i : c.ints) c.floats.push_back(float(i));
        c.ints.clear();
    }
    c.is_int = to_int;
    set_constant(t, n, std::move(c));
}

void concat_constants(Translator& t, OnnxNode& n, long long axis) {
    OnnxConstant c;
    c.is_int = true;
    for (int j = 0; j < n.proto.input_size(); ++j) {
        const OnnxConstant& part = t.constant_input(n, j, "part");
        if (!part.is_int || part.dims.size() != 1 || (axis != 0 && axis != -1))
            n.attributes.fail("only 1-D integer constants are joined");
        c.ints.insert(c.ints.end(), part.ints.begin(), part.ints.end());
    }
    c.dims = {(long long)c.ints.size()};
    set_constant(t, n, std::move(c));
}

}  // namespace ganforge::onnx_ops
