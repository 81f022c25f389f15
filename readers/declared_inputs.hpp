// A model's inputs as its file declares them, where Keras' None leaves an
// extent unknown (`batch_input_shape: [null, null, null, 3]`: an image of any
// size), and how they become the fixed shapes a ModelSpec needs: the extents
// ReadOptions::input_shapes gives, or for a summary two probe sizes.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <ganforge/core/model_spec.hpp>
#include <ganforge/core/unknown_extents.hpp>

namespace ganforge {

// Without the batch axis; an empty optional is an unknown extent.
using DeclaredShape = std::vector<std::optional<std::size_t>>;

// The sizes ReadOptions::probe_unknown_extents reads unknown extents at, in
// pairs tried in turn: powers of two, so that the strides and upsamplings of
// an image model divide them, and different, so that an extent that follows
// the input's differs between the two readings; smaller pairs for models
// whose upsampling would take the larger ones beyond import_limits.
inline constexpr std::array<std::array<std::size_t, 2>, 3> probe_extents{{{256, 512}, {32, 64}, {4, 8}}};

// "(None, None, None, 3)", as Keras prints it, the batch axis first.
std::string keras_shape_text(const DeclaredShape& shape);

bool is_known(const DeclaredShape& shape);

// The inputs' shapes with `given` (ReadOptions::input_shapes: empty, or one
// per input in input order) put in. Only an unknown extent may be given
// differently from the file: a count, rank or known extent that differs is an
// error naming `origin`, the input (by `names`), the axis and both values.
std::vector<DeclaredShape> with_given_shapes(std::vector<DeclaredShape> declared, const std::vector<Shape>& given,
                                             const std::vector<std::string>& names, const std::string& origin);

// Every extent known: the shapes. Otherwise an error naming the first input
// with an unknown extent and how to give it.
std::vector<Shape> known_shapes(const std::vector<DeclaredShape>& declared, const std::vector<std::string>& names,
                                const std::string& origin);

// Every unknown extent set to `extent`.
std::vector<Shape> probe_shapes(const std::vector<DeclaredShape>& declared, std::size_t extent);

// The extents that differ between one model read at two probe sizes: the
// inputs' unknown ones and every layer output's that follows them.
UnknownExtents differing_extents(const ModelSpec& a, const ModelSpec& b);

}  // namespace ganforge
