#include "bench/report/completeness.hpp"

#include <fmt/format.h>

namespace ganforge::report {
namespace {

constexpr std::string_view not_built_prefix = "peer_not_built_", macs_prefix = "macs_";

std::vector<std::string> bench_models(const Results& r) {
    std::vector<std::string> models;
    for (const auto& [key, value] : r.context)
        if (key.starts_with(macs_prefix)) models.push_back(key.substr(macs_prefix.size()));
    return models;
}

}  // namespace

std::map<std::string, std::string> peers_not_built(const Results& r) {
    std::map<std::string, std::string> peers;
    for (const auto& [key, reason] : r.context)
        if (key.starts_with(not_built_prefix)) peers[key.substr(not_built_prefix.size())] = reason;
    return peers;
}

std::vector<std::string> missing_rows(const Results& r) {
    std::vector<std::string_view> engines{"interpreter", "generated"};
    for (const Peer& p : peers) engines.push_back(p.name);
    const auto not_built = peers_not_built(r);
    std::vector<std::string> missing;
    for (const std::string& model : bench_models(r))
        for (const std::size_t batch : r.batches(model))
            for (const std::string_view engine : engines) {
                const std::string row = fmt::format("BM_{}/{}/batch:{}", engine, model, batch);
                if (const EngineRun* run = r.find(engine, model, batch)) {
                    if (!run->figure.error.empty()) missing.push_back(fmt::format("{}: {}", row, run->figure.error));
                } else if (const auto it = not_built.find(std::string(engine)); it != not_built.end()) {
                    missing.push_back(fmt::format("{}: not built: {}", row, it->second));
                } else {
                    missing.push_back(fmt::format("{}: not in the results", row));
                }
            }
    return missing;
}

}  // namespace ganforge::report
