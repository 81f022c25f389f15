// Arithmetic on constants, as ONNX computes it: Add, Sub, Mul and Div with
// numpy's broadcasting, Floor and Ceil. Integers exactly (Div truncates
// toward zero; an overflow or a division by zero is an error), floats in
// float32. The batch size a symbolic batch stands for is unknown here, so
// arithmetic on it is an error.
#include <algorithm>
#include <climits>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

long long integer_result(const OnnxNode& n, Arithmetic op, long long x, long long y) {
    long long r = 0;
    bool overflow = false;
    switch (op) {
        case Arithmetic::add: overflow = __builtin_add_overflow(x, y, &r); break;
        case Arithmetic::sub: overflow = __builtin_sub_overflow(x, y, &r); break;
        case Arithmetic::mul: overflow = __builtin_mul_overflow(x, y, &r); break;
        case Arithmetic::div:
            if (y == 0) n.attributes.fail(fmt::format("it divides the integer {} by 0", x));
            overflow = x == LLONG_MIN && y == -1;
            if (!overflow) r = x / y;
            break;
    }
    if (overflow) n.attributes.fail(fmt::format("{} and {} overflow a 64-bit integer", x, y));
    return r;
}

float float_result(Arithmetic op, float x, float y) {
    switch (op) {
        case Arithmetic::add: return x + y;
        case Arithmetic::sub: return x - y;
        case Arithmetic::mul: return x * y;
        case Arithmetic::div: return x / y;
    }
    return 0.0f;
}

}  // namespace

OnnxConstant arithmetic(Translator& t, OnnxNode& n, Arithmetic op) {
    const OnnxConstant& a = t.constant_input(n, 0, "A");
    const OnnxConstant& b = t.constant_input(n, 1, "B");
    if (a.is_int != b.is_int) n.attributes.fail("it mixes integers and floats");
    for (const OnnxConstant* c : {&a, &b})
        if (c->is_int && std::find(c->ints.begin(), c->ints.end(), onnx_batch_dim) != c->ints.end())
            n.attributes.fail("it computes with the batch size, which the graph leaves symbolic");
    // numpy: dims aligned at the end; where they differ, one of them is 1.
    const std::size_t rank = std::max(a.dims.size(), b.dims.size());
    auto dim = [&](const OnnxConstant& c, std::size_t q) {
        const std::size_t missing = rank - c.dims.size();
        return q < missing ? 1 : c.dims[q - missing];
    };
    Dims dims(rank);
    for (std::size_t q = 0; q < rank; ++q) {
        const long long da = dim(a, q), db = dim(b, q);
        if (da != db && da != 1 && db != 1)
            n.attributes.fail(fmt::format("its inputs [{}] and [{}] do not broadcast", fmt::join(a.dims, ", "),
                                          fmt::join(b.dims, ", ")));
        dims[q] = da == 1 ? db : da;
    }
    // Each input's strides in the output's frame: 0 along a broadcast axis.
    auto frame = [&](const OnnxConstant& c) {
        const std::vector<std::size_t> own = strides(c.dims);
        std::vector<std::size_t> s(rank, 0);
        for (std::size_t q = rank - c.dims.size(); q < rank; ++q)
            if (dim(c, q) != 1) s[q] = own[q - (rank - c.dims.size())];
        return s;
    };
    const std::vector<std::size_t> sa = frame(a), sb = frame(b);
    OnnxConstant c = t.new_constant(n, dims, a.is_int);
    for_each_value(dims, c.size(), [&](std::size_t i, const std::vector<long long>& at) {
        std::size_t ia = 0, ib = 0;
        for (std::size_t q = 0; q < rank; ++q) {
            ia += std::size_t(at[q]) * sa[q];
            ib += std::size_t(at[q]) * sb[q];
        }
        if (c.is_int) c.ints[i] = integer_result(n, op, a.ints[ia], b.ints[ib]);
        else c.floats[i] = float_result(op, a.floats[ia], b.floats[ib]);
    });
    return c;
}

OnnxConstant rounded(Translator& t, OnnxNode& n, bool up) {
    const OnnxConstant& x = t.constant_input(n, 0, "X");
    if (x.is_int) n.attributes.fail("its input is integers; ONNX rounds floats");
    OnnxConstant c = t.new_constant(n, x.dims, false);
    for (std::size_t i = 0; i < c.size(); ++i) c.floats[i] = up ? std::ceil(x.floats[i]) : std::floor(x.floats[i]);
    return c;
}

}  // namespace ganforge::onnx_ops
