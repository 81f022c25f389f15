#include "bench/engines.hpp"

#include <fmt/format.h>

#include "bench/generated_net.hpp"
#include "bench/peers/peer_engines.hpp"
#include <ganforge/core/error.hpp>
#include <ganforge/runtime/interpreter.hpp>

namespace ganforge::bench {
namespace {

class InterpreterEngine final : public Engine {
public:
    InterpreterEngine(const WeightStore& weights, Inputs inputs, std::size_t batch)
        : core_(weights), inputs_(copy_inputs(inputs)), spans_(inputs_.begin(), inputs_.end()),
          output_(batch * weights.model().output_shape().size()), batch_(batch) {}

    void run() override { core_.predict(spans_, output_, batch_); }
    std::vector<float> output_nhwc() const override { return output_; }

private:
    InterpreterCore core_;
    std::vector<std::vector<float>> inputs_;
    std::vector<std::span<const float>> spans_;
    std::vector<float> output_;
    std::size_t batch_;
};

std::unique_ptr<Engine> make_interpreter_engine(const WeightStore& weights, Inputs inputs, std::size_t batch) {
    return std::make_unique<InterpreterEngine>(weights, inputs, batch);
}

struct Peer {
    std::string_view name;
    EngineFactory make;
};

// The peers this build linked (bench/CMakeLists.txt writes the list).
constexpr Peer peers[] = {
#define GANFORGE_BUILT_PEER(name) {#name, &make_##name##_engine},
#include <peers_built.inc>
#undef GANFORGE_BUILT_PEER
    {"", nullptr},  // keeps the array non-empty when no peer is found
};

EngineFactory peer_factory(std::string_view engine) {
    for (const Peer& p : peers)
        if (p.make && p.name == engine) return p.make;
    return nullptr;
}

}  // namespace

std::vector<std::string_view> engine_names() {
    std::vector<std::string_view> names{"interpreter", "generated"};
    for (const Peer& p : peers)
        if (p.make) names.push_back(p.name);
    return names;
}

bool engine_runs(std::string_view engine, std::string_view model, std::size_t threads) {
    if (engine == "generated") return has_generated_net(model);
    if (engine == "interpreter") return threads == 1;
    return peer_factory(engine) != nullptr;
}

std::unique_ptr<Engine> make_engine(std::string_view engine, std::string_view model, const WeightStore& weights,
                                    Inputs inputs, std::size_t batch, std::size_t threads) {
    if (!engine_runs(engine, model, threads))
        throw Error(fmt::format("{} does not run {} on {} threads in this build", engine, model, threads));
    if (engine == "interpreter") return make_interpreter_engine(weights, inputs, batch);
    if (engine == "generated") {
        auto net = make_generated_net(model, weights);
        return make_generated_engine(std::move(net), weights.model(), inputs, batch, threads);
    }
    if (const EngineFactory make = peer_factory(engine)) return make(weights, inputs, batch, threads);
    throw Error(fmt::format("no engine named '{}' in this build", engine));
}

}  // namespace ganforge::bench
