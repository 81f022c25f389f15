#include "readers/declared_inputs.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>
#include <ganforge/core/shape_format.hpp>
#include "runtime/import_limits.hpp"

namespace ganforge {
namespace {

// Names the command line's H,W,C stands for, by rank.
std::string_view extent_name(std::size_t rank, std::size_t i) {
    static constexpr std::array<std::string_view, 3> image{"H", "W", "C"}, sequence{"STEPS", "N"};
    if (rank == 3) return image[i];
    return rank == 2 ? sequence[i] : "N";
}

std::string axis_text(std::size_t rank, std::size_t i) {
    static constexpr std::array<std::string_view, 3> image{"height", "width", "channels"};
    // Keras numbers axes with the batch axis as 0, as the shape prints.
    return rank == 3 ? fmt::format("axis {} ({})", i + 1, image[i]) : fmt::format("axis {}", i + 1);
}

// `--input-shape H,W,3`: what to pass for `shape`, its known extents as they are.
std::string input_shape_hint(const DeclaredShape& shape) {
    std::string text;
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += fmt::format("{}{}", i ? "," : "", shape[i] ? std::to_string(*shape[i]) : std::string(extent_name(shape.size(), i)));
    return "--input-shape " + text;
}

Shape to_shape(const std::vector<std::size_t>& e) {
    if (e.size() == 1) return Shape{e[0]};
    if (e.size() == 2) return Shape{e[0], e[1]};
    return Shape{e[0], e[1], e[2]};
}

}  // namespace

std::string keras_shape_text(const DeclaredShape& shape) {
    std::string text = "(None";
    for (const auto& e : shape) text += e ? fmt::format(", {}", *e) : std::string(", None");
    return text + ")";
}

bool is_known(const DeclaredShape& shape) {
    return std::all_of(shape.begin(), shape.end(), [](const auto& e) { return e.has_value(); });
}

std::vector<DeclaredShape> with_given_shapes(std::vector<DeclaredShape> declared, const std::vector<Shape>& given,
                                             const std::vector<std::string>& names, const std::string& origin) {
    if (given.empty()) return declared;
    if (given.size() != declared.size()) {
        std::string inputs;
        for (std::size_t k = 0; k < declared.size(); ++k)
            inputs += fmt::format("{}'{}' {}", k ? ", " : "", names[k], keras_shape_text(declared[k]));
        throw Error(fmt::format("{}: the model has {} input{} ({}); {} input shape{} given (--input-shape, one per "
                                "input in input order)", origin, declared.size(), declared.size() == 1 ? "" : "s",
                                inputs, given.size(), given.size() == 1 ? " is" : "s are"));
    }
    for (std::size_t k = 0; k < declared.size(); ++k) {
        DeclaredShape& d = declared[k];
        const Shape& g = given[k];
        const std::string file_shape = keras_shape_text(d);
        if (g.rank() != d.size())
            throw Error(fmt::format("{}: input '{}' is {}, {} extent{} after the batch; the shape given, {}, has {}",
                                    origin, names[k], file_shape, d.size(), d.size() == 1 ? "" : "s", g, g.rank()));
        for (std::size_t i = 0; i < d.size(); ++i) {
            if (g[i] < 1 || g[i] > std::size_t(import_limits::max_extent))
                throw Error(fmt::format("{}: input '{}': the shape given, {}, has an extent outside [1, {}]", origin,
                                        names[k], g, import_limits::max_extent));
            if (d[i] && *d[i] != g[i])
                throw Error(fmt::format("{}: input '{}' is {}: its {} is {} in the file, {} given; only its None "
                                        "extents may be given", origin, names[k], file_shape, axis_text(d.size(), i),
                                        *d[i], g[i]));
            d[i] = g[i];
        }
    }
    return declared;
}

std::vector<Shape> known_shapes(const std::vector<DeclaredShape>& declared, const std::vector<std::string>& names,
                                const std::string& origin) {
    std::vector<Shape> shapes;
    for (std::size_t k = 0; k < declared.size(); ++k) {
        const DeclaredShape& d = declared[k];
        if (!is_known(d))
            throw Error(fmt::format("{}: input '{}' is {}: it has an unknown extent (None); pass its shape with "
                                    "{}{} (in C++, ReadOptions::input_shapes)", origin, names[k],
                                    keras_shape_text(d), input_shape_hint(d),
                                    declared.size() > 1 ? ", one --input-shape per input in input order" : ""));
        std::vector<std::size_t> e;
        for (const auto& x : d) e.push_back(*x);
        shapes.push_back(to_shape(e));
    }
    return shapes;
}

std::vector<Shape> probe_shapes(const std::vector<DeclaredShape>& declared, std::size_t extent) {
    std::vector<Shape> shapes;
    for (const DeclaredShape& d : declared) {
        std::vector<std::size_t> e;
        for (const auto& x : d) e.push_back(x.value_or(extent));
        shapes.push_back(to_shape(e));
    }
    return shapes;
}

UnknownExtents differing_extents(const ModelSpec& a, const ModelSpec& b) {
    auto differ = [](const Shape& x, const Shape& y) {
        ExtentFlags f{};
        for (std::size_t i = 0; i < x.rank(); ++i) f[i] = x[i] != y[i];
        return f;
    };
    UnknownExtents u;
    for (std::size_t k = 0; k < a.input_shapes.size(); ++k) u.inputs.push_back(differ(a.input_shapes[k], b.input_shapes[k]));
    for (std::size_t i = 0; i < a.layers.size(); ++i)
        u.layers.push_back(differ(a.layers[i].output_shape, b.layers[i].output_shape));
    return u;
}

}  // namespace ganforge
