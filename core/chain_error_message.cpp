#include <ganforge/core/chain_error_message.hpp>

#include <fmt/format.h>

namespace ganforge {

std::string chain_error_message(const ChainError& e, const std::vector<std::string>& names) {
    const auto& v = e.values;
    if (e.fault == ChainFault::input_zero_extent)
        return "Input: every extent of shape must be positive";
    const std::string where =
        e.layer >= 1 && e.layer <= names.size()
            ? fmt::format("{} (layer {}, '{}')", keras_class_name(e.kind), e.layer, names[e.layer - 1])
            : fmt::format("{} (layer {})", keras_class_name(e.kind), e.layer);
    switch (e.fault) {
        case ChainFault::none:
        case ChainFault::input_zero_extent:
            break;
        case ChainFault::units_not_positive:
            return fmt::format("{}: {} must be positive, got {}", where,
                               e.kind == LayerKind::dense ? "units" : "filters", v[0]);
        case ChainFault::kernel_not_positive:
            return fmt::format("{}: kernel_size must be positive, got ({}, {})", where, v[0], v[1]);
        case ChainFault::strides_not_positive:
            return fmt::format("{}: strides must be positive, got ({}, {})", where, v[0], v[1]);
        case ChainFault::size_not_positive:
            return fmt::format("{}: size must be positive, got ({}, {})", where, v[0], v[1]);
        case ChainFault::needs_image_input:
            return fmt::format("{}: needs an image input (height, width, channels), got a flat "
                               "one of {} values",
                               where, v[0]);
        case ChainFault::kernel_larger_than_input:
            return fmt::format("{}: kernel_size ({}, {}) is larger than its input ({}, {}) with "
                               "padding='valid'",
                               where, v[0], v[1], v[2], v[3]);
        case ChainFault::target_shape_zero_extent:
            return fmt::format("{}: every extent of target_shape must be positive", where);
        case ChainFault::target_shape_count:
            return fmt::format("{}: target_shape holds {} values, its input {}", where, v[0], v[1]);
        case ChainFault::rate_out_of_range:
            return fmt::format("{}: rate must be in [0, 1], got {}", where, double(v[0]) / 1e6);
    }
    return where;
}

}  // namespace ganforge
