// Where each step reads and writes. Every tensor is resolved to a place in
// an outermost storage (a model input, the output, or the arena); the arena's
// storages are laid out by liveness: a storage lives from the first step that
// touches it to the last, and two that live at once never overlap.
//
// A chain's intermediate tensors are each alive for two consecutive steps,
// so placing them alternately at the bottom and the top of the arena needs
// only the largest sum of two neighbours: the smallest peak any placement can
// reach. A graph's storages (a skip connection lives across many steps) are
// placed largest first, each at the lowest offset clear of those alive with it.
#include <algorithm>

#include "codegen/lowered.hpp"
#include "codegen/planner.hpp"

namespace ganforge::codegen {
namespace {

constexpr std::size_t align = 16;  // floats: 64 bytes

std::size_t round_up(std::size_t n, std::size_t a) { return (n + a - 1) / a * a; }

// A tensor's place in its outermost storage (offset and strides per image).
struct Place {
    std::size_t storage = 0, offset = 0, row = 0, pixel = 0, channel = 1;
};

Place resolve(const Lowered& l, std::size_t t) {
    const Tensor& x = l.tensors[t];
    Place p{x.storage, x.offset, x.row, x.pixel, x.channel};
    while (l.storages[p.storage].parent != no_index) {
        const Storage& s = l.storages[p.storage];
        const Extents3 e = extents3(s.shape), pe = extents3(l.storages[s.parent].shape);
        const std::size_t row = e.cols * e.channels, pixel = e.channels;
        // A placed storage's tensors have its own strides (a Reshape's view
        // pins its storage, which is then never placed), and its parent is
        // dense (a storage held channels first is the model's, never a parent).
        const std::size_t i = p.offset / row, j = p.offset % row / pixel, c = p.offset % pixel;
        p = {s.parent, s.offset + i * pe.cols * pe.channels + j * pe.channels + c, pe.cols * pe.channels,
             pe.channels, 1};
    }
    return p;
}

struct Lifetime {
    std::size_t storage, first, last, floats;
};

// Offsets (chunk-scaled) of the arena storages, and the arena's size.
std::size_t place_chain(const std::vector<Lifetime>& lives, std::size_t chunk, std::vector<std::size_t>& base) {
    std::size_t peak = 0;
    for (std::size_t i = 0; i < lives.size(); ++i)
        peak = std::max(peak, lives[i].floats + (i > 0 ? lives[i - 1].floats : 0));
    const std::size_t arena = peak == 0 ? 0 : round_up(chunk * peak, align) + align;
    for (std::size_t i = 0; i < lives.size(); ++i)
        base[lives[i].storage] =
            i % 2 == 0 ? 0 : (arena - chunk * lives[i].floats) / align * align;
    return arena;
}

std::size_t place_graph(std::vector<Lifetime> lives, std::size_t chunk, std::vector<std::size_t>& base) {
    std::stable_sort(lives.begin(), lives.end(),
                     [](const Lifetime& a, const Lifetime& b) { return a.floats > b.floats; });
    struct Placed {
        std::size_t begin, end, first, last;
    };
    std::vector<Placed> placed;
    std::size_t top = 0;
    for (const Lifetime& s : lives) {
        const std::size_t size = round_up(chunk * s.floats, align);
        std::vector<Placed> alive;
        for (const Placed& p : placed)
            if (p.first <= s.last && s.first <= p.last) alive.push_back(p);
        std::sort(alive.begin(), alive.end(), [](const Placed& a, const Placed& b) { return a.begin < b.begin; });
        std::size_t at = 0;
        for (const Placed& p : alive)
            if (at + size <= p.begin) break;
            else at = std::max(at, p.end);
        base[s.storage] = at;
        placed.push_back({at, at + size, s.first, s.last});
        top = std::max(top, at + size);
    }
    return top == 0 ? 0 : top + align;
}

}  // namespace

Plan plan_buffers(Lowered lowered, const ModelSpec& model, const PlanOptions& options) {
    const std::size_t n = lowered.steps.size();
    std::vector<Place> in(n), out(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (lowered.step_in[i] != no_index) in[i] = resolve(lowered, lowered.step_in[i]);
        out[i] = resolve(lowered, lowered.step_out[i]);
    }
    // Arena storages in order of first use, with their lifetimes.
    std::vector<Lifetime> lives;
    std::vector<std::size_t> life_of(lowered.storages.size(), no_index);
    auto touch = [&](std::size_t storage, std::size_t step) {
        if (lowered.storages[storage].where != BufferRef::Where::arena) return;
        if (life_of[storage] == no_index) {
            life_of[storage] = lives.size();
            lives.push_back({storage, step, step, lowered.storages[storage].shape.size()});
        }
        lives[life_of[storage]].last = step;
    };
    bool chain = true;
    for (std::size_t i = 0; i < n; ++i) {
        if (lowered.step_in[i] != no_index) touch(in[i].storage, i);
        touch(out[i].storage, i);
        const bool reads_previous = lowered.step_in[i] != no_index &&
                                    (i == 0 ? lowered.storages[in[i].storage].where == BufferRef::Where::input
                                            : in[i].storage == out[i - 1].storage);
        chain = chain && reads_previous && (i == 0 || out[i].storage != out[i - 1].storage);
    }
    for (const Lifetime& l : lives) chain = chain && l.last == l.first + 1;

    Plan plan;
    plan.input_shapes = model.input_shapes;
    plan.output_shape = model.output_shape();
    std::vector<std::size_t> base(lowered.storages.size(), 0);
    for (plan.chunk = options.max_chunk;; --plan.chunk) {
        plan.arena_floats = chain ? place_chain(lives, plan.chunk, base) : place_graph(lives, plan.chunk, base);
        if (plan.chunk == 1 || plan.arena_floats <= options.max_arena_floats) break;
    }
    auto ref = [&](const Place& p) {
        const Storage& s = lowered.storages[p.storage];
        return BufferRef{s.where, s.input, base[p.storage] + p.offset, s.shape.size(), p.row, p.pixel, p.channel,
                         p.offset};
    };
    plan.steps = std::move(lowered.steps);
    for (std::size_t i = 0; i < n; ++i) {
        if (lowered.step_in[i] != no_index) plan.steps[i].in = ref(in[i]);
        plan.steps[i].out = ref(out[i]);
    }
    return plan;
}

}  // namespace ganforge::codegen
