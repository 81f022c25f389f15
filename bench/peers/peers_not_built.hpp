// The peers left out of this build (bench/peers/CMakeLists.txt): missing, or
// their package failed to load. The bench records them in its JSON context
// (peer_not_built_<name>), so the report says which peers did not run, and why.
#pragma once

#include <string_view>
#include <vector>

namespace ganforge::bench {

struct PeerNotBuilt {
    std::string_view name, reason;
};

const std::vector<PeerNotBuilt>& peers_not_built();

}  // namespace ganforge::bench
