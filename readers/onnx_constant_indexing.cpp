// The operators that pick and move the values of constants without
// computing new ones: Gather, Concat, Slice (negative steps too) and
// Transpose, as ONNX defines them for any rank, integers and floats alike.
// The symbolic batch (onnx_batch_dim) moves with them like any value.
#include <algorithm>
#include <climits>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <onnx/onnx_pb.h>

#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {
namespace {

// Axis `axis` of `rank` dims, a negative one counted from the end.
std::size_t axis_of(const OnnxNode& n, long long axis, std::size_t rank) {
    const auto r = (long long)rank;
    if (axis < -r || axis >= r) n.attributes.fail(fmt::format("axis {} is out of range for {} dimensions", axis, rank));
    return std::size_t(axis < 0 ? axis + r : axis);
}

// A constant of `dims` whose value at coordinates `at` is value
// source(at) of x.
template <typename Source>
OnnxConstant moved(Translator& t, const OnnxNode& n, const OnnxConstant& x, const Dims& dims, Source source) {
    OnnxConstant c = t.new_constant(n, dims, x.is_int);
    for_each_value(dims, c.size(), [&](std::size_t i, const std::vector<long long>& at) { c.take(i, x, source(at)); });
    return c;
}

// One axis of a Slice: where it starts, its step and how many values it
// takes.
struct SliceAxis {
    long long start = 0, step = 1, count = 0;
};

// ONNX's rule: negative starts and ends count from the end; then, stepping
// forward, both are clamped to [0, dim]; stepping backward, the start to
// [0, dim - 1] and the end to [-1, dim - 1], so INT64's extremes mean "to
// the end" either way.
SliceAxis slice_axis(long long dim, long long start, long long end, long long step) {
    if (start < 0) start += dim;
    if (end < 0) end += dim;
    if (step > 0) {
        start = std::clamp(start, 0LL, dim);
        end = std::clamp(end, 0LL, dim);
        return {start, step, end > start ? (end - start - 1) / step + 1 : 0};
    }
    if (dim == 0) return {0, step, 0};
    start = std::clamp(start, 0LL, dim - 1);
    end = std::clamp(end, -1LL, dim - 1);
    // -LLONG_MIN overflows; any step of that size takes one value.
    const long long back = step == LLONG_MIN ? LLONG_MAX : -step;
    return {start, step, start > end ? (start - end - 1) / back + 1 : 0};
}

}  // namespace

OnnxConstant gather_constant(Translator& t, OnnxNode& n) {
    const OnnxConstant& data = t.constant_input(n, 0, "data");
    const OnnxConstant& indices = t.constant_input(n, 1, "indices");
    if (!indices.is_int) n.attributes.fail("its indices must be integers");
    if (data.dims.empty()) n.attributes.fail("it gathers from a 0-D constant");
    const std::size_t axis = axis_of(n, n.attributes.integer("axis", 0), data.dims.size());
    const long long size = data.dims[axis];
    std::vector<std::size_t> picked;
    for (const long long i : indices.ints) {
        const long long at = i < 0 ? i + size : i;
        if (at < 0 || at >= size) n.attributes.fail(fmt::format("index {} is out of range for {} values", i, size));
        picked.push_back(std::size_t(at));
    }
    // data's dims with the axis replaced by the indices' dims.
    Dims dims(data.dims.begin(), data.dims.begin() + std::ptrdiff_t(axis));
    dims.insert(dims.end(), indices.dims.begin(), indices.dims.end());
    dims.insert(dims.end(), data.dims.begin() + std::ptrdiff_t(axis) + 1, data.dims.end());
    const std::vector<std::size_t> in = strides(data.dims);
    const std::size_t k = indices.dims.size();
    return moved(t, n, data, dims, [&](const std::vector<long long>& at) {
        std::size_t from = 0, index = 0;
        for (std::size_t a = 0; a < axis; ++a) from += std::size_t(at[a]) * in[a];
        for (std::size_t q = 0; q < k; ++q) index = index * std::size_t(indices.dims[q]) + std::size_t(at[axis + q]);
        from += picked[index] * in[axis];
        for (std::size_t a = axis + 1; a < data.dims.size(); ++a) from += std::size_t(at[a + k - 1]) * in[a];
        return from;
    });
}

OnnxConstant concat_constants(Translator& t, OnnxNode& n) {
    const long long given_axis = n.attributes.integer("axis", LLONG_MIN);
    if (given_axis == LLONG_MIN) n.attributes.fail("attribute 'axis' is missing");
    const OnnxConstant& first = t.constant_input(n, 0, "input");
    if (first.dims.empty()) n.attributes.fail("it joins 0-D constants");
    const std::size_t axis = axis_of(n, given_axis, first.dims.size());
    std::vector<const OnnxConstant*> parts;
    Dims dims = first.dims;
    dims[axis] = 0;
    for (int j = 0; j < n.proto.input_size(); ++j) {
        const OnnxConstant& c = t.constant_input(n, j, "input");
        if (c.is_int != first.is_int) n.attributes.fail("it joins integers and floats");
        bool fits = c.dims.size() == first.dims.size();
        for (std::size_t a = 0; fits && a < c.dims.size(); ++a) fits = a == axis || c.dims[a] == first.dims[a];
        if (!fits)
            n.attributes.fail(fmt::format("its input {} [{}] does not join input 0 [{}] on axis {}", j,
                                          fmt::join(c.dims, ", "), fmt::join(first.dims, ", "), axis));
        dims[axis] += c.dims[axis];
        parts.push_back(&c);
    }
    OnnxConstant c = t.new_constant(n, dims, first.is_int);
    if (c.size() == 0) return c;
    std::size_t outer = 1;  // the blocks each input gives one chunk of
    for (std::size_t q = 0; q < axis; ++q) outer *= std::size_t(dims[q]);
    std::size_t i = 0;
    for (std::size_t o = 0; o < outer; ++o)
        for (const OnnxConstant* part : parts) {
            const std::size_t chunk = strides(part->dims)[axis] * std::size_t(part->dims[axis]);
            for (std::size_t v = 0; v < chunk; ++v) c.take(i++, *part, o * chunk + v);
        }
    return c;
}

// Slice: opset 10 on takes starts, ends, axes and steps as inputs; before,
// starts, ends and axes are attributes and every step is 1.
OnnxConstant slice(Translator& t, OnnxNode& n) {
    const OnnxConstant& x = t.constant_input(n, 0, "data");
    OnnxAttributes& a = n.attributes;
    Dims starts, ends, axes, steps;
    if (t.opset() < 10) {
        starts = a.integers("starts", {});
        ends = a.integers("ends", {});
        axes = a.integers("axes", {});
    } else {
        // Starts and ends are clamped: INT64_MIN, the number that also marks
        // the symbolic batch (onnx_batch_dim), is the far end there.
        auto bounds = [&](int j, std::string_view what) {
            const OnnxConstant& c = t.constant_input(n, j, what);
            if (!c.is_int || c.dims.size() != 1) a.fail(fmt::format("its {} must be a 1-D integer constant", what));
            return c.ints;
        };
        starts = bounds(1, "starts");
        ends = bounds(2, "ends");
        if (t.has_input(n, 3)) axes = t.integers(n, 3, "axes");
        if (t.has_input(n, 4)) steps = t.integers(n, 4, "steps");
    }
    if (x.dims.empty()) a.fail("it slices a 0-D constant");
    if (axes.empty())
        for (std::size_t i = 0; i < starts.size(); ++i) axes.push_back((long long)i);
    if (steps.empty()) steps.assign(starts.size(), 1);
    if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
        a.fail(fmt::format("its starts, ends, axes and steps hold {}, {}, {} and {} values, not as many each",
                           starts.size(), ends.size(), axes.size(), steps.size()));
    std::vector<SliceAxis> cut;
    for (const long long d : x.dims) cut.push_back({0, 1, d});
    std::vector<bool> seen(x.dims.size(), false);
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::size_t axis = axis_of(n, axes[i], x.dims.size());
        if (seen[axis]) a.fail(fmt::format("axis {} is sliced twice", axis));
        seen[axis] = true;
        if (steps[i] == 0) a.fail(fmt::format("its step on axis {} is 0", axis));
        cut[axis] = slice_axis(x.dims[axis], starts[i], ends[i], steps[i]);
    }
    Dims dims;
    for (const SliceAxis& s : cut) dims.push_back(s.count);
    const std::vector<std::size_t> in = strides(x.dims);
    return moved(t, n, x, dims, [&](const std::vector<long long>& at) {
        std::size_t from = 0;
        for (std::size_t q = 0; q < at.size(); ++q) from += std::size_t(cut[q].start + at[q] * cut[q].step) * in[q];
        return from;
    });
}

// Transpose: output axis i is input axis perm[i] (reversed by default).
OnnxConstant transpose(Translator& t, OnnxNode& n) {
    const OnnxConstant& x = t.constant_input(n, 0, "data");
    const std::size_t rank = x.dims.size();
    Dims reversed;
    for (std::size_t i = rank; i-- > 0;) reversed.push_back((long long)i);
    const Dims perm = n.attributes.integers("perm", reversed);
    Dims sorted = perm;
    std::sort(sorted.begin(), sorted.end());
    if (sorted != Dims(reversed.rbegin(), reversed.rend()))
        n.attributes.fail(fmt::format("its perm [{}] does not order the {} axes of its input", fmt::join(perm, ", "),
                                      rank));
    Dims dims;
    for (const long long p : perm) dims.push_back(x.dims[std::size_t(p)]);
    const std::vector<std::size_t> in = strides(x.dims);
    return moved(t, n, x, dims, [&](const std::vector<long long>& at) {
        std::size_t from = 0;
        for (std::size_t i = 0; i < rank; ++i) from += std::size_t(at[i]) * in[std::size_t(perm[i])];
        return from;
    });
}

}  // namespace ganforge::onnx_ops
