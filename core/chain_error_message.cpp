#include <ganforge/core/chain_error_message.hpp>

#include <fmt/format.h>

#include <ganforge/core/shape_format.hpp>

namespace ganforge {
namespace {

// "input 2 (4, 5, 3)": one of the tensors a layer reads, 0-based `j`.
std::string inbound_text(const ModelSpec& model, std::size_t layer, long long j) {
    const LayerSpec& l = model.layers[layer];
    return fmt::format("input {} {}", j + 1, model.shape_of(l.inbound[std::size_t(j)]));
}

}  // namespace

std::string chain_error_message(const ChainError& e, const ModelSpec& model) {
    const auto names = keras_layer_names(model);
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
                               e.kind == LayerKind::dense       ? "units"
                               : e.kind == LayerKind::embedding ? "output_dim"
                                                                : "filters",
                               v[0]);
        case ChainFault::kernel_not_positive:
            return fmt::format("{}: kernel_size must be positive, got ({}, {})", where, v[0], v[1]);
        case ChainFault::strides_not_positive:
            return fmt::format("{}: strides must be positive, got ({}, {})", where, v[0], v[1]);
        case ChainFault::size_not_positive:
            return fmt::format("{}: size must be positive, got ({}, {})", where, v[0], v[1]);
        case ChainFault::needs_image_input: {
            const Shape in = model.shape_of(model.layers[e.layer - 1].inbound[0]);
            const std::string got = in.rank() == 1 ? fmt::format("a flat one of {} values", v[0])
                                                   : fmt::format("{}", in);
            return fmt::format("{}: needs an image input (height, width, channels), got {}", where,
                               got);
        }
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
        case ChainFault::inbound_invalid:
            return v[2] ? fmt::format("{}: input {} is model input {}, but the model has {}", where,
                                      v[0] + 1, v[1] + 1, v[3])
                        : fmt::format("{}: input {} is layer {}, which does not come before it",
                                      where, v[0] + 1, v[1] + 1);
        case ChainFault::inbound_count:
            return v[1] == 1 ? fmt::format("{}: takes one input, got {}", where, v[0])
                             : fmt::format("{}: takes at most {} inputs, got {}", where, v[1], v[0]);
        case ChainFault::rank_too_high:
            return fmt::format("{}: its output would have {} axes besides the batch; ganforge "
                               "tensors have at most {}", where, v[0], Shape::max_rank);
        case ChainFault::axis_out_of_range:
            return fmt::format("{}: axis {} is outside its inputs' {} axes (the batch axis is 0)",
                               where, v[0], v[1]);
        case ChainFault::merge_shapes_differ: {
            const std::size_t layer = e.layer - 1;
            const std::string theirs = fmt::format("{} and {}", inbound_text(model, layer, 0),
                                                   inbound_text(model, layer, v[0]));
            if (e.kind == LayerKind::concatenate)
                return fmt::format("{}: {} differ on an axis other than the one joined (axis {})",
                                   where, theirs, model.layers[layer].axis);
            return fmt::format("{}: {} differ; {} needs equal shapes (it does not broadcast)",
                               where, theirs, keras_class_name(e.kind));
        }
        case ChainFault::input_dim_not_positive:
            return fmt::format("{}: input_dim must be positive, got {}", where, v[0]);
        case ChainFault::margins_negative:
            return fmt::format("{}: {} must not be negative, got (({}, {}), ({}, {}))", where,
                               e.kind == LayerKind::cropping2d ? "cropping" : "padding", v[0], v[1],
                               v[2], v[3]);
        case ChainFault::cropping_too_large:
            return fmt::format("{}: cropping {} rows of {} and {} columns of {} leaves nothing",
                               where, v[0], v[1], v[2], v[3]);
        case ChainFault::output_padding_not_valid:
            return fmt::format("{}: output_padding ({}, {}) needs padding 'valid'", where, v[0], v[1]);
        case ChainFault::output_padding_too_large:
            return fmt::format("{}: output_padding ({}, {}) must be at least 0 and less than strides ({}, {})",
                               where, v[0], v[1], v[2], v[3]);
    }
    return where;
}

}  // namespace ganforge
