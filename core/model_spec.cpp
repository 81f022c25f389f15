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

ModelSpec make_model_spec(Shape input, std::vector<LayerSpec> layers,
                          std::vector<std::string> names, const std::string& origin) {
    ModelSpec model{input, std::move(layers), std::move(names)};
    if (const ChainError e = infer_shapes(model.input_shape, model.layers)) {
        const std::string what = chain_error_message(e, keras_layer_names(model));
        throw Error(origin.empty() ? what : fmt::format("{}: {}", origin, what));
    }
    return model;
}

ParamCount param_count(const ModelSpec& model) { return count_params(model.layers); }

}  // namespace ganforge
