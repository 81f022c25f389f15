// engines<M>(weights): the interpreter first (the reference), then every
// SIMD path of M's generated network that this CPU runs.
#pragma once

#include <memory>
#include <type_traits>

#include <ganforge/codegen/isa.hpp>

#include "engines.hpp"
#include "generated_probes.hpp"

namespace reliability {

template <class M>
std::vector<Engine> engines(const ganforge::WeightStore& weights) {
    std::vector<Engine> all{interpreter_engine(weights)};
    using Net = typename GeneratedNet<M>::type;
    if constexpr (!std::is_void_v<Net>) {
        for (const ganforge::Isa isa : ganforge::all_isas) {
            if (!ganforge::cpu_supports(isa)) continue;
            auto net = std::make_shared<const Net>(weights, isa);
            all.push_back({"generated/" + std::string(ganforge::isa_name(isa)),
                           [net](std::span<const float> in, std::span<float> out, std::size_t batch) {
                               net->predict(in, out, batch);
                           }});
        }
    }
    return all;
}

}  // namespace reliability
