// The constants of an ONNX graph and the operators that make them: Constant,
// ConstantOfShape, Range, Shape (a tensor's dims) and Cast, evaluated once
// here: their outputs are constants, never layers.
#include <algorithm>
#include <climits>
#include <cmath>

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include "runtime/import_limits.hpp"
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

// The one number of a 0-D (or one-value) constant: Range's start, limit, delta.
const OnnxConstant& scalar(const Translator& t, const OnnxNode& n, int j, std::string_view what) {
    const OnnxConstant& c = t.constant_input(n, j, what);
    if (c.size() != 1) n.attributes.fail(fmt::format("its {} (input {}) holds {} values, not one", what, j, c.size()));
    if (c.is_int && c.ints[0] == onnx_batch_dim)
        n.attributes.fail(fmt::format("its {} is the batch size, which the graph leaves symbolic", what));
    return c;
}

}  // namespace

OnnxConstant constant_node(Translator&, OnnxNode& n) {
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
    return c;
}

// ConstantOfShape: `value` (one value, of any type; float 0 by default)
// repeated over the dims its input gives.
OnnxConstant constant_of_shape(Translator& t, OnnxNode& n) {
    const OnnxConstant& shape = t.constant_input(n, 0, "shape");
    if (shape.dims.size() != 1) n.attributes.fail("its shape must be a 1-D constant");
    const Dims& dims = t.integers(n, 0, "shape");
    OnnxConstant value;
    value.floats = {0.0f};
    if (const onnx::TensorProto* p = n.attributes.tensor("value")) value = read_onnx_tensor(*p, n.attributes.context());
    if (value.size() != 1) n.attributes.fail(fmt::format("its value holds {} values, not one", value.size()));
    OnnxConstant c = t.new_constant(n, dims, value.is_int);
    for (std::size_t i = 0; i < c.size(); ++i) c.take(i, value, 0);
    return c;
}

// Range: start, start + delta, ... up to limit, not including it; integers
// stay integers.
OnnxConstant range(Translator& t, OnnxNode& n) {
    const OnnxConstant &start = scalar(t, n, 0, "start"), &limit = scalar(t, n, 1, "limit"),
                       &delta = scalar(t, n, 2, "delta");
    if (start.is_int != limit.is_int || start.is_int != delta.is_int)
        n.attributes.fail("its start, limit and delta mix integers and floats");
    if (delta.number(0) == 0) n.attributes.fail("its delta is 0");
    // In doubles: a count this large is refused below whatever its exact value.
    const double count = std::max(std::ceil((limit.number(0) - start.number(0)) / delta.number(0)), 0.0);
    if (!(count <= double(import_limits::max_extent)))
        n.attributes.fail(fmt::format("it would count {} values, more than {}", count, import_limits::max_extent));
    OnnxConstant c = t.new_constant(n, {(long long)count}, start.is_int);
    for (std::size_t i = 0; i < c.size(); ++i) {
        // Unsigned, which wraps where a signed product would overflow; the
        // values lie between start and limit.
        if (c.is_int)
            c.ints[i] = (long long)((unsigned long long)start.ints[0] + i * (unsigned long long)delta.ints[0]);
        else
            c.floats[i] = start.floats[0] + float(i) * delta.floats[0];
    }
    return c;
}

// Shape: the dims of a tensor or a constant, the symbolic batch as
// onnx_batch_dim; opset 15's start and end pick a part.
void shape_of(Translator& t, OnnxNode& n) {
    const Dims full = t.input(n, 0).full_dims();
    const long long rank = (long long)full.size();
    auto clamp = [&](long long i) { return std::clamp(i < 0 ? i + rank : i, 0LL, rank); };
    const long long start = clamp(n.attributes.integer("start", 0)), end = clamp(n.attributes.integer("end", rank));
    const Dims part = start < end ? Dims(full.begin() + start, full.begin() + end) : Dims{};
    Value v;
    OnnxConstant c = t.new_constant(n, {(long long)part.size()}, true);
    c.ints = part;
    v.constant = std::make_shared<const OnnxConstant>(std::move(c));
    t.set_output(n, std::move(v));
}

// A tensor passes through a Cast to float unchanged: ganforge computes in
// float32.
void cast(Translator& t, OnnxNode& n) {
    const long long to = n.attributes.integer("to", 0);
    if (to != onnx::TensorProto::FLOAT && to != onnx::TensorProto::DOUBLE)
        n.attributes.fail("a tensor can only be cast to float");
    t.alias(n, 0);
}

// Cast of a constant, as ONNX casts: floats to integers toward zero, any
// number to bool as "not zero"; a value the type cannot hold is an error.
OnnxConstant cast_constant(Translator& t, OnnxNode& n) {
    const long long to = n.attributes.integer("to", 0);
    const OnnxConstant& x = t.constant_input(n, 0, "input");
    const bool to_int =
        to == onnx::TensorProto::INT64 || to == onnx::TensorProto::INT32 || to == onnx::TensorProto::BOOL;
    if (!to_int && to != onnx::TensorProto::FLOAT && to != onnx::TensorProto::DOUBLE)
        n.attributes.fail(fmt::format("cast to data type {} is not supported (float, double, int64, int32, bool)", to));
    OnnxConstant c = t.new_constant(n, x.dims, to_int);
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x.is_int && x.ints[i] == onnx_batch_dim) {
            if (!to_int || to == onnx::TensorProto::BOOL)
                n.attributes.fail("it casts the batch size, which the graph leaves symbolic, to a number");
            c.ints[i] = onnx_batch_dim;
        } else if (!to_int) {
            c.floats[i] = x.is_int ? float(x.ints[i]) : x.floats[i];
        } else if (to == onnx::TensorProto::BOOL) {
            c.ints[i] = x.number(i) != 0;
        } else {
            if (!x.is_int && !(std::fabs(x.floats[i]) < 0x1p63f))
                n.attributes.fail(fmt::format("{} does not cast to an integer", x.floats[i]));
            c.ints[i] = x.is_int ? x.ints[i] : (long long)x.floats[i];
            if (to == onnx::TensorProto::INT32 && (c.ints[i] < INT_MIN || c.ints[i] > INT_MAX))
                n.attributes.fail(fmt::format("{} does not fit int32", c.ints[i]));
        }
    }
    return c;
}

}  // namespace ganforge::onnx_ops
