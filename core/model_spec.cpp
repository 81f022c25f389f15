#include <ganforge/core/model_spec.hpp>

#include <map>

#include <fmt/format.h>

#include <ganforge/core/shape_inference.hpp>
#include <ganforge/core/chain_error_message.hpp>
#include <ganforge/core/error.hpp>

namespace ganforge {

std::vector<std::string> keras_layer_names(const ModelSpec& model) {
    if (!model.names.empty()) return model.names;
    std::vector<std::string> names;
    std::map<LayerKind, int> seen;
    for (const LayerSpec& l : model.layers)
        names.push_back(fmt::format("{}_{}", keras_name_stem(l.kind), ++seen[l.kind]));
    return names;
}

bool ModelSpec::is_chain() const {
    if (input_shapes.size() != 1) return false;
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i].inbound_count != 1 ||
            layers[i].inbound[0] != (i == 0 ? TensorRef{true, 0} : TensorRef{false, i - 1}))
            return false;
    return true;
}

std::vector<std::string> keras_input_names(const ModelSpec& model) {
    if (!model.input_names.empty()) return model.input_names;
    std::vector<std::string> names;
    for (std::size_t k = 0; k < model.input_shapes.size(); ++k)
        names.push_back(fmt::format("input_{}", k + 1));
    return names;
}

ModelSpec make_model_spec(std::vector<Shape> inputs, std::vector<LayerSpec> layers,
                          std::vector<std::string> names, const std::string& origin) {
    ModelSpec model{std::move(inputs), std::move(layers), std::move(names), {}};
    if (model.input_shapes.empty())
        throw Error(origin.empty() ? std::string("a model needs at least one input")
                                   : fmt::format("{}: a model needs at least one input", origin));
    if (const ChainError e = infer_shapes(model.input_shapes, model.layers)) {
        const std::string what = chain_error_message(e, model);
        throw Error(origin.empty() ? what : fmt::format("{}: {}", origin, what));
    }
    return model;
}

ParamCount param_count(const ModelSpec& model) { return count_params(model.layers); }

ModelSpec resized_model(const ModelSpec& model, std::span<const ImageExtent> extents) {
    if (extents.size() != image_size::image_inputs(model.input_shapes))
        image_size::fail(extents, "the count of sizes is not the count of image inputs");
    ModelSpec resized = model;
    image_size::resize_inputs(resized.input_shapes, extents);
    if (const ChainError e = image_size::resize(resized.input_shapes, resized.layers, model.layers))
        image_size::fail(extents, chain_error_message(e, resized));
    return resized;
}

void image_size::fail(std::span<const ImageExtent> extents, std::string_view fault) {
    std::string sizes;
    for (const ImageExtent& x : extents) sizes += fmt::format("{}{}x{}", sizes.empty() ? "" : ", ", x.height, x.width);
    throw Error(fmt::format("the model cannot take an image of {}: {}", sizes, fault));
}

Readers readers_of(const ModelSpec& m) {
    Readers r{std::vector<std::size_t>(m.layers.size(), 0), std::vector<std::vector<std::size_t>>(m.layers.size())};
    for (std::size_t i = 0; i < m.layers.size(); ++i)
        for (std::size_t j = 0; j < m.layers[i].inbound_count; ++j)
            if (const TensorRef t = m.layers[i].inbound[j]; !t.model_input) {
                ++r.count[t.index];
                r.layers[t.index].push_back(i);
            }
    if (!m.layers.empty()) ++r.count.back();
    return r;
}

int input_labels(const ModelSpec& model, std::size_t input) {
    for (const LayerSpec& l : model.layers)
        for (std::size_t j = 0; j < l.inbound_count; ++j)
            if (l.kind == LayerKind::embedding && l.inbound[j] == TensorRef{true, input}) return l.input_dim;
    return 0;
}

}  // namespace ganforge
