#include "bench/report/results.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>

namespace ganforge::report {
namespace {

using nlohmann::json;

double to_ms(double t, const std::string& unit) {
    if (unit == "ns") return t * 1e-6;
    if (unit == "us") return t * 1e-3;
    if (unit == "s") return t * 1e3;
    return t;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return parts;
}

// "batch:16" -> 16, anything else -> nothing.
// The number in a name part `<key>:<n>` ("batch:16"), if it is one.
std::optional<std::size_t> count_of(const std::string& part, std::string_view key) {
    if (part.rfind(key, 0) != 0 || part.size() <= key.size() || part[key.size()] != ':') return std::nullopt;
    try {
        return std::size_t(std::stoul(part.substr(key.size() + 1)));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<std::size_t> batch_of(const std::string& part) { return count_of(part, "batch"); }

// A run spread over threads is timed by the wall clock: CPU time counts the
// calling thread only.
Figure figure_of(const json& b, bool wall) {
    Figure f;
    if (b.value("error_occurred", false)) {
        f.error = b.value("error_message", std::string("skipped"));
        return f;
    }
    f.ms = to_ms(b.at(wall ? "real_time" : "cpu_time").get<double>(), b.value("time_unit", std::string("ns")));
    f.gflops = b.value("GFLOPS", 0.0);
    f.images_per_second = b.value("images_per_second", 0.0);
    f.gbps = b.value("GBps", 0.0);
    f.bytes = b.value("bytes", 0.0);
    // A median of counts, as a double: rounded back to the count.
    if (b.contains("executed_macs")) f.executed_macs = std::uint64_t(std::llround(b["executed_macs"].get<double>()));
    f.label = b.value("label", std::string());
    return f;
}

}  // namespace

const EngineRun* Results::find(std::string_view engine, std::string_view model, std::size_t batch) const {
    for (const EngineRun& r : runs)
        if (r.engine == engine && r.model == model && r.batch == batch) return &r;
    return nullptr;
}

const ThreadedRun* Results::find(std::string_view engine, std::string_view model, std::size_t batch,
                                 std::size_t threads) const {
    for (const ThreadedRun& r : threaded)
        if (r.engine == engine && r.model == model && r.batch == batch && r.threads == threads) return &r;
    return nullptr;
}

std::vector<std::string> Results::engines() const {
    std::vector<std::string> out;
    for (const EngineRun& r : runs)
        if (std::find(out.begin(), out.end(), r.engine) == out.end()) out.push_back(r.engine);
    return out;
}

std::vector<std::string> Results::models() const {
    std::vector<std::string> out;
    for (const EngineRun& r : runs)
        if (std::find(out.begin(), out.end(), r.model) == out.end()) out.push_back(r.model);
    return out;
}

std::vector<std::size_t> Results::batches(std::string_view model) const {
    std::vector<std::size_t> out;
    for (const EngineRun& r : runs)
        if (r.model == model && std::find(out.begin(), out.end(), r.batch) == out.end()) out.push_back(r.batch);
    std::sort(out.begin(), out.end());
    return out;
}

std::string Results::context_or(std::string_view key, std::string_view fallback) const {
    const auto it = context.find(key);
    return it == context.end() ? std::string(fallback) : it->second;
}

std::optional<ModelMacs> model_macs(const Results& r, std::string_view model) {
    const std::vector<std::string> v = split(r.context_or(fmt::format("macs_{}", model), ""), ' ');
    if (v.size() != 2) return std::nullopt;
    try {
        return ModelMacs{std::stoull(v[0]), std::stoull(v[1])};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

Results read_results(std::string_view text) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) {
        throw Error(fmt::format("benchmark results: not JSON: {}", e.what()));
    }
    if (!doc.is_object() || !doc.contains("benchmarks") || !doc["benchmarks"].is_array())
        throw Error("benchmark results: no 'benchmarks' array (is this Google Benchmark's --benchmark_out JSON?)");
    Results r;
    if (doc.contains("context") && doc["context"].is_object())
        for (const auto& [key, value] : doc["context"].items()) {
            if (value.is_string()) {
                r.context[key] = value.get<std::string>();
            } else if (value.is_number()) {
                r.context[key] = value.dump();
            } else if (value.is_array()) {  // load_avg
                std::string list;
                for (const json& v : value)
                    if (v.is_number()) list += fmt::format("{}{:.2f}", list.empty() ? "" : ", ", v.get<double>());
                r.context[key] = list;
            }
        }
    // Each benchmark's median when it was repeated (the roofs' best, their
    // "max"), else its one run; errors are reported once per benchmark.
    struct Chosen {
        std::optional<Figure> first, median, max;
    };
    std::map<std::string, Chosen> chosen;
    std::vector<std::string> order;
    for (const json& b : doc["benchmarks"]) {
        const std::string name = b.value("run_name", b.value("name", std::string()));
        if (!chosen.contains(name)) order.push_back(name);
        Chosen& c = chosen[name];
        const std::string aggregate = b.value("run_type", std::string("iteration")) == "aggregate"
                                          ? b.value("aggregate_name", std::string())
                                          : std::string();
        const bool wall = name.find("/threads:") != std::string::npos;
        if (aggregate.empty() && !c.first) c.first = figure_of(b, wall);
        if (aggregate == "median") c.median = figure_of(b, wall);
        if (aggregate == "max") c.max = figure_of(b, wall);
        r.repetitions = std::max<std::size_t>(r.repetitions, b.value("repetitions", std::size_t(1)));
    }
    for (const std::string& name : order) {
        const Chosen& c = chosen[name];
        std::vector<std::string> parts = split(name, '/');
        // Google Benchmark appends the clock a benchmark is timed by, when not CPU time.
        if (parts.size() > 1 && parts.back() == "real_time") parts.pop_back();
        const Figure f = c.median ? *c.median : c.first ? *c.first : Figure{};
        if (parts[0] == "BM_peak_fma") {
            r.peak = c.max ? *c.max : f;
        } else if (parts[0] == "BM_stream") {
            r.stream = c.max ? *c.max : f;
        } else if (parts[0] == "BM_generated_step" && parts.size() >= 4 && batch_of(parts[3])) {
            // Steps may carry their own min_time and repeats after the batch.
            const auto colon = parts[2].find(':');
            if (colon == std::string::npos) continue;
            r.steps.push_back(Step{parts[1], std::size_t(std::stoul(parts[2].substr(0, colon))),
                                   parts[2].substr(colon + 1), *batch_of(parts[3]), f});
        } else if (parts[0] == "BM_denormals" && parts.size() == 4) {
            r.denormals.push_back(DenormalRun{parts[1], parts[2], parts[3], f});
        } else if (parts[0].rfind("BM_", 0) == 0 && parts.size() == 3 && batch_of(parts[2])) {
            r.runs.push_back(EngineRun{parts[0].substr(3), parts[1], *batch_of(parts[2]), f});
        } else if (parts[0].rfind("BM_", 0) == 0 && parts.size() == 4 && batch_of(parts[2]) &&
                   count_of(parts[3], "threads")) {
            r.threaded.push_back(
                ThreadedRun{parts[0].substr(3), parts[1], *batch_of(parts[2]), *count_of(parts[3], "threads"), f});
        }
    }
    return r;
}

}  // namespace ganforge::report
