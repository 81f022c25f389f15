// Resize (opset 10 on) and Upsample (before) as Keras' UpSampling2D: whole
// scales on height and width only, with the coordinate rules under which
// nearest and bilinear sampling agree with Keras'.
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "runtime/import_limits.hpp"
#include "readers/onnx_operators.hpp"
#include "readers/onnx_translator.hpp"

namespace ganforge::onnx_ops {

void resize(Translator& t, OnnxNode& n, bool upsample) {
    OnnxAttributes& a = n.attributes;
    const Value& x = t.image_input(n, 0);
    const std::string mode = a.text("mode", "nearest");
    // Upsample and opset 10's Resize pick source pixels asymmetrically: src = dst / scale.
    const bool asymmetric_only = upsample || t.opset() < 11;
    const std::string coordinates =
        asymmetric_only ? "asymmetric" : a.text("coordinate_transformation_mode", "half_pixel");
    const std::string nearest_mode = asymmetric_only ? "floor" : a.text("nearest_mode", "round_prefer_floor");
    std::vector<double> scales;
    if (upsample && t.opset() < 9) {
        for (const float s : a.numbers("scales")) scales.push_back(s);
    } else {
        const int at = upsample || t.opset() < 11 ? 1 : 2;
        if (t.has_input(n, at) && t.input(n, at).constant && t.input(n, at).constant->size() > 0) {
            const OnnxConstant& s = t.constant_input(n, at, "scales");
            for (std::size_t i = 0; i < s.size(); ++i) scales.push_back(s.number(i));
        } else if (!upsample && t.has_input(n, 3)) {
            const OnnxConstant& sizes = t.constant_input(n, 3, "sizes");
            if (sizes.size() != 4) a.fail("its sizes must have 4 values");
            const Dims full{1, x.dims[0], x.dims[1], x.dims[2]};
            // The batch in sizes: the symbolic one of the input's Shape, or the one the graph fixes.
            const bool batch = sizes.is_int && (sizes.ints[0] == onnx_batch_dim || sizes.ints[0] == t.fixed_batch());
            for (std::size_t i = 0; i < 4; ++i)
                scales.push_back(i == 0 && batch ? 1.0 : sizes.number(i) / double(full[i]));
        }
    }
    if (!asymmetric_only) {
        a.ignore("cubic_coeff_a");
        a.ignore("extrapolation_value");
        a.ignore("antialias");  // it changes downsampling only
        if (a.integer("exclude_outside", 0) != 0) a.fail("exclude_outside 1 is not supported");
        if (a.has("axes")) a.fail("attribute 'axes' is not supported");
        if (a.text("keep_aspect_ratio_policy", "stretch") != "stretch")
            a.fail("keep_aspect_ratio_policy other than stretch is not supported");
    }
    if (scales.size() != 4 || scales[0] != 1 || scales[1] != 1)
        a.fail("its scales must be [1, 1, h, w] (scaling only height and width)");
    LayerSpec l{.kind = LayerKind::up_sampling2d};
    for (int i = 0; i < 2; ++i) {
        const double s = scales[std::size_t(2 + i)];
        if (!(s >= 1 && s <= import_limits::max_window) || s != std::floor(s))
            a.fail(fmt::format("scale {} is not supported (whole numbers from 1: upsampling)", s));
        (i == 0 ? l.size.rows : l.size.cols) = int(s);
    }
    const bool half_pixel = coordinates == "half_pixel" || coordinates == "pytorch_half_pixel";
    if (mode == "nearest") {
        // For whole scales these all take source floor(dst / scale).
        const bool floor_rule = coordinates == "asymmetric" && nearest_mode == "floor";
        const bool round_rule = half_pixel && (nearest_mode == "round_prefer_floor" || nearest_mode == "round_prefer_ceil");
        if (!floor_rule && !round_rule)
            a.fail(fmt::format("nearest with coordinate_transformation_mode '{}' and nearest_mode '{}' is not "
                               "supported",
                               coordinates, nearest_mode));
        l.interpolation = Interpolation::nearest;
    } else if (mode == "linear") {
        if (half_pixel) l.interpolation = Interpolation::bilinear;
        else if (coordinates == "align_corners") l.interpolation = Interpolation::bilinear_align_corners;
        else a.fail(fmt::format("linear with coordinate_transformation_mode '{}' is not supported", coordinates));
    } else {
        a.fail(fmt::format("mode '{}' is not supported (nearest or linear)", mode));
    }
    const std::size_t layer = t.add_layer(n, l, {x.ref}, n.name);
    t.set_output(n, t.image_value(layer));
}

}  // namespace ganforge::onnx_ops
