// Every engine of this build (the interpreter's peers, and the interpreter
// itself as a sanity check) against the interpreter on small models that
// between them use every layer kind and option the peers translate: the
// check the benchmark makes before timing, on cases where a wrong padding,
// crop, fold or layout shows; the peers also on two threads of their pools.
#include <gtest/gtest.h>

#include <functional>

#include "bench/bench_inputs.hpp"
#include "bench/engines.hpp"
#include "bench/output_check.hpp"
#include <ganforge/runtime/interpreter.hpp>

#include "peer_cases.hpp"

namespace ganforge::bench {
namespace {

class PeerEngine : public testing::TestWithParam<std::string> {};

TEST_P(PeerEngine, AgreesWithTheInterpreterOnEveryLayerOption) {
    for (const peer_cases::Case& c : peer_cases::cases)
        for (const auto& [batch, threads] : {std::pair<std::size_t, std::size_t>{1, 1}, {3, 1}, {3, 2}}) {
            if (!engine_runs(GetParam(), "", threads)) continue;  // the interpreter runs one thread
            SCOPED_TRACE(testing::Message() << c.name << ", batch " << batch << ", " << threads << " threads");
            const ModelSpec spec = c.spec();
            const WeightStore w = benchmark_weights(spec, 7);
            const std::vector<std::vector<float>> inputs = benchmark_inputs(spec, batch, 11);
            std::vector<float> ref(batch * spec.output_shape().size());
            InterpreterCore(w).predict(spans_of(inputs), ref, batch);
            const auto engine = make_engine(GetParam(), "", w, spans_of(inputs), batch, threads);
            engine->run();
            engine->run();  // a second run must not depend on the first (in-place ops)
            const auto why = disagreement(ref, engine->output_nhwc(), spec.output_shape());
            EXPECT_FALSE(why) << *why;
        }
}

std::vector<std::string> engines_but_generated() {
    std::vector<std::string> out;
    for (std::string_view e : engine_names())
        if (e != "generated") out.emplace_back(e);
    return out;
}

INSTANTIATE_TEST_SUITE_P(Bench, PeerEngine, testing::ValuesIn(engines_but_generated()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ganforge::bench
