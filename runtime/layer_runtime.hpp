// What the runtime does with each layer type, written in the layer's own
// file (runtime/layers/<kind>.cpp): read it from a Keras config, write it as
// the DSL's designated initialisers for `ganforge import`, and run it in the
// interpreter. Declared here for every registered layer at once; a layer
// without its file does not link.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <ganforge/core/layer_types.hpp>
#include <ganforge/core/model_spec.hpp>
#include <ganforge/runtime/weight_store.hpp>

namespace ganforge {

class KerasConfigFields;

// One image (or vector) of one layer, as the interpreter runs it: `inputs`
// holds every tensor the layer reads, in call order; each is channels last.
struct LayerRun {
    const ModelSpec& model;
    const LayerSpec& l;
    const WeightStore& weights;
    std::size_t index;  // the layer's position in the model
    std::span<const float* const> inputs;

    const float* in() const { return inputs[0]; }

    // An image layer's input height, width and channels, and its output
    // height and width, as the kernels index them.
    struct Image {
        long h, w, c, oh, ow;
    };
    Image image() const {
        return {long(l.input_shape[0]), long(l.input_shape[1]), long(l.input_shape[2]), long(l.output_shape[0]),
                long(l.output_shape[1])};
    }
    std::span<const float> weight(WeightRole r) const { return weights.find(index, r); }
};

// The designated initialisers that differ from the DSL's (Keras') defaults,
// in declaration order: ".units = 128".
using DslFields = std::vector<std::string>;

template <typename Layer>
struct LayerRuntime;

#define GANFORGE_LAYER_KIND(kind, type, keras_class, stem)                      \
    template <>                                                                 \
    struct LayerRuntime<type> {                                                 \
        /* `input` resolves BatchNormalization's axis and Reshape's -1. */      \
        static LayerSpec from_config(const KerasConfigFields& f, const Shape& input); \
        static void dsl_fields(const LayerSpec& l, DslFields& fields);          \
        /* Writes the layer's output_shape floats of one image to `out`. */     \
        static void run(const LayerRun& r, float* out);                         \
    };
#include <ganforge/core/layer_kinds.inc>
#undef GANFORGE_LAYER_KIND

}  // namespace ganforge
