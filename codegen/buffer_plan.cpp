// Where each step's output lives. A chain's intermediate tensors are each
// alive for two consecutive steps, so placing them alternately at the bottom
// and the top of one arena needs only the largest sum of two neighbours:
// the smallest peak any placement can reach.
#include <algorithm>

#include <ganforge/codegen/planner.hpp>

namespace ganforge::codegen {
namespace {

constexpr std::size_t align = 16;  // floats: 64 bytes

std::size_t round_up(std::size_t n, std::size_t a) { return (n + a - 1) / a * a; }

}  // namespace

void plan_buffers(Plan& plan, const PlanOptions& options) {
    std::vector<Step>& steps = plan.steps;
    const std::size_t n = steps.size();
    // Per image: the intermediates (outputs of all steps but the last).
    std::size_t peak = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const std::size_t here = steps[i].out_shape.size();
        const std::size_t before = i > 0 ? steps[i - 1].out_shape.size() : 0;
        peak = std::max(peak, here + before);
    }
    plan.chunk = options.max_chunk;
    while (plan.chunk > 1 && round_up(plan.chunk * peak, align) + align > options.max_arena_floats)
        --plan.chunk;
    plan.arena_floats = peak == 0 ? 0 : round_up(plan.chunk * peak, align) + align;
    for (std::size_t i = 0; i < n; ++i) {
        Step& s = steps[i];
        s.in = i == 0 ? BufferRef{BufferRef::Where::input, 0} : steps[i - 1].out;
        if (i + 1 == n) {
            s.out = {BufferRef::Where::output, 0};
        } else if (i % 2 == 0) {
            s.out = {BufferRef::Where::arena, 0};
        } else {
            const std::size_t size = plan.chunk * s.out_shape.size();
            s.out = {BufferRef::Where::arena, (plan.arena_floats - size) / align * align};
        }
    }
}

}  // namespace ganforge::codegen
