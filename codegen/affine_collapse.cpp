// Which runs of affine layers the code generator collapses into one matrix:
// a small cost model of one core (multiply-adds, or streaming weights that
// leave the cache) decides where it at least halves the time.
#include "codegen/affine_collapse.hpp"

#include <algorithm>
#include <optional>

namespace ganforge::codegen {
namespace {

// Multiply-adds per image the layer takes on its own, and its weights.
struct Cost {
    std::size_t macs = 0, weights = 0;
};

Cost layer_cost(const LayerSpec& l) {
    const LayerTensors t = layer_tensors(l);
    const std::size_t kernel = t.count > 0 && t.tensors[0].role == WeightRole::kernel ? t.tensors[0].size() : 0;
    // Interpolation and BatchNormalization: about one multiply-add per output value.
    const bool per_value = l.kind == LayerKind::up_sampling2d || l.kind == LayerKind::batch_normalization;
    return {per_value ? l.output_shape.size() : layer_macs(l), kernel};
}

// The largest matrix a collapse builds (floats): 16 MB of weights.
constexpr std::size_t max_matrix_floats = std::size_t(1) << 22;

// Time of a step for a batch, in multiply-adds: compute, or streaming its
// weights from memory when they do not stay in cache (one float read from L3
// takes about as long as 5 multiply-adds on one core).
std::size_t step_time(Cost c, std::size_t batch) { return std::max(batch * c.macs, 5 * c.weights); }

// Within layers [begin, end) of one affine run, the sub-runs worth collapsing.
void choose_collapses(const ModelSpec& m, std::size_t begin, std::size_t end, std::vector<LayerRange>& out) {
    std::optional<LayerRange> best;
    std::size_t best_saving = 0;
    for (std::size_t a = begin; a < end; ++a) {
        Cost parts;
        for (std::size_t b = a; b < end; ++b) {
            const Cost c = layer_cost(m.layers[b]);
            parts.macs += c.macs;
            parts.weights += c.weights;
            const std::size_t in = m.layers[a].input_shape.size();
            const std::size_t whole = in * m.layers[b].output_shape.size();
            // Worth it when it at least halves the time at batch 1 and at a full chunk.
            // Building the matrix runs the chain on `in` unit vectors when the
            // network is built: at most ~1e8 multiply-adds (tens of milliseconds).
            bool worth = whole <= max_matrix_floats && in * parts.macs <= std::size_t(100'000'000);
            for (std::size_t batch : {1, 16})
                worth = worth && 2 * step_time({whole, whole}, batch) <= step_time(parts, batch);
            const std::size_t saving = step_time(parts, 1) - std::min(step_time(parts, 1), step_time({whole, whole}, 1));
            if (worth && saving > best_saving) {
                best = LayerRange{a, b};
                best_saving = saving;
            }
        }
    }
    if (!best) return;
    choose_collapses(m, begin, best->first, out);
    out.push_back(*best);
    choose_collapses(m, best->last + 1, end, out);
}

// A transposed convolution on a one-pixel input (a latent reshaped to
// 1x1xC, as PyTorch's DCGAN generator starts) is a matrix product: each
// output pixel takes one tap. As one matrix its tiles take the batch's images
// as rows and reuse each weight vector across them, where the convolution's
// one-pixel tiles reuse none and stream every weight once per image, for
// the same multiply-adds.
bool one_pixel_transposed_convolution(const LayerSpec& l) {
    return l.kind == LayerKind::conv2d_transpose && l.input_shape.rank() == 3 && l.input_shape[0] == 1 &&
           l.input_shape[1] == 1 && l.input_shape.size() * l.output_shape.size() <= max_matrix_floats;
}

// Layer b reads only layer b - 1, its one reader: the two are a chain link.
bool linked(const ModelSpec& m, const Readers& r, std::size_t b) {
    const LayerSpec& l = m.layers[b];
    return b > 0 && l.inbound_count == 1 && !l.inbound[0].model_input && l.inbound[0].index == b - 1 &&
           r.count[b - 1] == 1;
}

}  // namespace

// Runs of linked affine layers; the last layer of a run may be a linear
// layer with an activation, which becomes the collapsed step's epilogue.
std::vector<LayerRange> affine_collapses(const ModelSpec& m, const Readers& r) {
    std::vector<LayerRange> out;
    for (std::size_t a = 0; a < m.layers.size();) {
        std::size_t b = a;
        auto joins = [&](std::size_t k) { return k == a || linked(m, r, k); };
        while (b < m.layers.size() && is_affine(m.layers[b]) && joins(b)) ++b;
        if (b < m.layers.size() && is_linear_layer(m.layers[b]) && joins(b)) ++b;
        if (b > a) choose_collapses(m, a, b, out);
        a = std::max(b, a + 1);
    }
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        const bool collapsed = std::any_of(out.begin(), out.end(), [&](LayerRange r) { return r.first <= k && k <= r.last; });
        if (!collapsed && one_pixel_transposed_convolution(m.layers[k])) out.push_back({k, k});
    }
    return out;
}

}  // namespace ganforge::codegen
