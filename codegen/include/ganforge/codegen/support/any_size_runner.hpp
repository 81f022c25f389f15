// A generated network on images of any size (predict_image). The kernels
// are the network's own, compiled for the size it was declared at with the
// spatial extents left to run time; this plans the model at the size of the
// call with the same planner the generator ran (the same steps, fusions and
// tensors; only extents, strides and buffer offsets move) and hands each
// kernel its geometry. A plan is made once per size and kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include <ganforge/codegen/support/any_size_geometry.hpp>
#include <ganforge/core/image_size.hpp>
#include <ganforge/core/layer_spec.hpp>
#include <ganforge/runtime/parallel_for.hpp>

namespace ganforge::codegen::support {

// What the generated network tells the runner of its any-size path.
struct AnySizeCode {
    std::span<const Shape> inputs;        // the declared model
    std::span<const LayerSpec> layers;
    std::uint64_t structure = 0;          // its any-size plan's structure (plan_structure_hash), as generated
    std::span<const AnyStepFunction> steps;  // one path's kernels
    // Per step of that path: the packed floats between a convolution's
    // neighbouring taps (0 for other steps).
    std::span<const std::size_t> tap_strides;
    bool channels_first = false;          // the caller's images are NCHW
    std::string_view class_name;
};

class AnySizeRunner {
public:
    AnySizeRunner() = default;
    explicit AnySizeRunner(AnySizeCode code);

    // The model's output shape at `extents` (one per image input); a size
    // the model cannot take throws ganforge::Error naming the layer.
    Shape output_shape(std::span<const ImageExtent> extents) const;

    // `batch` images of the sizes `extents`, one span per input (image
    // inputs at their extents, the others as declared), with packed weights
    // P. With `parallel`, its threads share each step of each image. Wrong
    // sizes throw ganforge::Error naming them.
    void run(std::span<const std::span<const float>> inputs, std::span<const ImageExtent> extents,
             std::span<float> output, std::size_t batch, const float* P, const ParallelFor* parallel) const;

private:
    struct Geometry;
    struct Cache;
    std::shared_ptr<const Geometry> geometry(std::span<const ImageExtent> extents) const;

    AnySizeCode code_;
    std::shared_ptr<Cache> cache_;
};

}  // namespace ganforge::codegen::support
