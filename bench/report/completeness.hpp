// Whether a run covers what the report promises: every engine ganforge
// benchmarks against, on every model and batch the bench ran. The main
// command's smoke form (scripts/main.sh --smoke, a CI stage) fails on a gap,
// so a peer that stopped building or loading is noticed.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bench/report/results.hpp"

namespace ganforge::report {

// The peers (bench/peers/peers.inc), in report order.
struct Peer {
    std::string_view name, title;
};
inline constexpr Peer peers[] = {
#define GANFORGE_OWN_ENGINE(name, title, colour)
#define GANFORGE_PEER(name, title, colour) Peer{#name, title},
#define GANFORGE_NODE_PEER GANFORGE_PEER
#include "bench/peers/peers.inc"
#undef GANFORGE_NODE_PEER
#undef GANFORGE_PEER
#undef GANFORGE_OWN_ENGINE
};

// The peers the bench's build left out, by name, with the reason its build
// gave (context "peer_not_built_<name>").
std::map<std::string, std::string> peers_not_built(const Results& results);

// One line per row the report lacks or could not time: for each model the
// bench knows (context "macs_<model>"), each batch it ran at, and each engine
// (interpreter, generated, every peer), "BM_<engine>/<model>/batch:<n>: why".
std::vector<std::string> missing_rows(const Results& results);

}  // namespace ganforge::report
