#include <ganforge/core/chain_error_message.hpp>

#include <fmt/format.h>

namespace ganforge {

std::string chain_error_message(const ChainError& e, const ModelSpec& model) {
    const auto names = keras_layer_names(model);
    if (e.layer == 0 || e.layer > names.size()) return std::string(chain_error_text(e).view());
    return fmt::format("{} (layer {}, '{}'): {}", keras_class_name(e.kind), e.layer, names[e.layer - 1],
                       e.text.view());
}

}  // namespace ganforge
