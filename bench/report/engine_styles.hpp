// How the report shows each engine: its title in the tables and the chart,
// and its colour in the chart. One list for every engine, ganforge's own and
// the peers (bench/peers/peers.inc), so that the colours are chosen as one
// palette.
#pragma once

#include <string>
#include <string_view>

namespace ganforge::report {

struct EngineStyle {
    std::string_view name, title, colour;
};

// In report order.
inline constexpr EngineStyle engine_styles[] = {
#define GANFORGE_OWN_ENGINE(name, title, colour) EngineStyle{#name, title, colour},
#define GANFORGE_PEER GANFORGE_OWN_ENGINE
#define GANFORGE_NODE_PEER GANFORGE_OWN_ENGINE
#include "bench/peers/peers.inc"
#undef GANFORGE_NODE_PEER
#undef GANFORGE_PEER
#undef GANFORGE_OWN_ENGINE
};

// "oneDNN" for onednn; an engine the list lacks (in results from another
// build) by its name.
std::string engine_title(std::string_view engine);
// The chart colour; for an engine the list lacks, the palette's grey, which
// no listed engine has.
std::string engine_colour(std::string_view engine);

}  // namespace ganforge::report
