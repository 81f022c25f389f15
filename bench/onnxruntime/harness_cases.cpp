#include "bench/onnxruntime/harness_cases.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench/onnxruntime/onnx_graph.hpp"
#include "bench/output_check.hpp"
#include <ganforge/core/error.hpp>
#include "readers/file_bytes.hpp"
#include <ganforge/runtime/tensor_layout.hpp>

namespace ganforge::bench {
namespace {

using nlohmann::json;

constexpr std::size_t most_json_bytes = std::size_t(64) << 20;

void write_bytes(const std::filesystem::path& path, const void* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data), std::streamsize(size));
    if (!out) throw Error(fmt::format("{}: cannot write", path.string()));
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    write_bytes(path, text.data(), text.size());
}

void write_model(const std::filesystem::path& path, const onnx::ModelProto& model) {
    std::string bytes;
    if (!model.SerializeToString(&bytes)) throw Error(fmt::format("{}: cannot serialise the ONNX model", path.string()));
    write_text(path, bytes);
}

// ONNX's dims of `batch` tensors of Keras shape `s`.
json batch_dims(const Shape& s, std::size_t batch) {
    json dims = json::array({batch});
    for (const std::int64_t d : onnx_dims(s)) dims.push_back(d);
    return dims;
}

std::string row_name(const std::string& model, std::size_t batch, std::size_t threads) {
    return threads == 1 ? fmt::format("BM_onnxruntime/{}/batch:{}", model, batch)
                        : fmt::format("BM_onnxruntime/{}/batch:{}/threads:{}", model, batch, threads);
}

json error_row(const std::string& name, const std::string& why) {
    return {{"name", name}, {"run_name", name}, {"run_type", "iteration"}, {"repetitions", 1},
            {"repetition_index", 0}, {"threads", 1}, {"iterations", 0}, {"real_time", 0.0}, {"cpu_time", 0.0},
            {"time_unit", "us"}, {"error_occurred", true}, {"error_message", why}};
}

std::vector<double> numbers(const json& run, const char* key) {
    std::vector<double> v = run.at(key).get<std::vector<double>>();
    if (v.empty()) throw Error(fmt::format("'{}' is empty", key));
    return v;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// One timed run's rows: each repetition, then the median, as Google
// Benchmark writes a repeated benchmark (times in us per iteration).
std::vector<json> timed_rows(const std::string& name, const json& run, std::size_t batch, double macs,
                             const std::string& label) {
    const std::vector<double> real = numbers(run, "real_time_ns"), cpu = numbers(run, "cpu_time_ns");
    if (real.size() != cpu.size()) throw Error("'real_time_ns' and 'cpu_time_ns' differ in length");
    const double iterations = run.at("iterations").get<double>();
    const std::size_t threads = run.at("threads").get<std::size_t>();
    auto row = [&](double real_ns, double cpu_ns) {
        // Threaded rows are read by the wall clock, as Google Benchmark's real-time rows.
        const double seconds = (threads == 1 ? cpu_ns : real_ns) * 1e-9;
        return json{{"run_name", name}, {"repetitions", real.size()}, {"threads", 1}, {"iterations", iterations},
                    {"real_time", real_ns * 1e-3}, {"cpu_time", cpu_ns * 1e-3}, {"time_unit", "us"},
                    {"GFLOPS", 2e-9 * macs * double(batch) / seconds},
                    {"images_per_second", double(batch) / seconds}, {"label", label}};
    };
    std::vector<json> rows;
    for (std::size_t r = 0; r < real.size(); ++r) {
        json j = row(real[r], cpu[r]);
        j["name"] = name;
        j["run_type"] = "iteration";
        j["repetition_index"] = r;
        rows.push_back(std::move(j));
    }
    json m = row(median(real), median(cpu));
    m["name"] = name + "_median";
    m["run_type"] = "aggregate";
    m["aggregate_name"] = "median";
    rows.push_back(std::move(m));
    return rows;
}

// Why `run`'s output disagrees with the interpreter's, if it does.
std::optional<std::string> check_output(const std::filesystem::path& dir, const json& run, std::size_t batch,
                                        const ModelFacts& facts) {
    const std::filesystem::path file = dir / run.at("output").get<std::string>();
    const std::size_t n = batch * facts.output_shape.size();
    const std::vector<std::byte> bytes = read_file_bytes(file, n * sizeof(float) + 1);
    if (bytes.size() != n * sizeof(float))
        return fmt::format("{}: {} bytes, not the {} floats of the output", file.string(), bytes.size(), n);
    std::vector<float> onnx(n), nhwc(n);
    std::memcpy(onnx.data(), bytes.data(), bytes.size());
    to_channels_last(onnx, nhwc, facts.output_shape, batch);
    if (auto why = disagreement(facts.reference(batch), nhwc, facts.output_shape))
        return fmt::format("disagrees with the interpreter: {}", *why);
    return std::nullopt;
}

json read_json(const std::filesystem::path& path) {
    try {
        return json::parse(read_file_text(path, most_json_bytes));
    } catch (const json::exception& e) {
        throw Error(fmt::format("{}: not JSON: {}", path.string(), e.what()));
    }
}

void write_json(const std::filesystem::path& path, const json& doc) { write_text(path, doc.dump(2) + "\n"); }

}  // namespace

HarnessCases::HarnessCases(std::filesystem::path dir) : dir_(std::move(dir)) {
    std::filesystem::create_directories(dir_);
}

void HarnessCases::add(const std::string& model, const WeightStore& weights,
                       const std::vector<std::pair<std::size_t, std::vector<std::vector<float>>>>& inputs) {
    const ModelSpec& m = weights.model();
    write_model(dir_ / (model + ".onnx"), onnx_graph(weights));
    for (const auto& [batch, tensors] : inputs) {
        json feeds = json::array();
        for (std::size_t k = 0; k < tensors.size(); ++k) {
            std::vector<float> onnx(tensors[k].size());
            to_channels_first(tensors[k], onnx, m.input_shapes[k], batch);
            const std::string file = fmt::format("{}.batch{}.input_{}.f32", model, batch, k);
            write_bytes(dir_ / file, onnx.data(), onnx.size() * sizeof(float));
            feeds.push_back({{"name", fmt::format("input_{}", k)}, {"file", file},
                             {"dims", batch_dims(m.input_shapes[k], batch)}});
        }
        cases_.push_back(json{{"model", model}, {"batch", batch}, {"onnx", model + ".onnx"}, {"inputs", feeds},
                              {"output_dims", batch_dims(m.output_shape(), batch)}}
                             .dump());
    }
}

void HarnessCases::finish(std::span<const std::size_t> threads) const {
    // One float through no layer: an Identity node.
    write_model(dir_ / "call_overhead.onnx", onnx_graph(WeightStore(ModelSpec{{Shape{1}}, {}, {}, {}})));
    json doc{{"threads", std::vector<std::size_t>(threads.begin(), threads.end())},
             {"call_overhead", "call_overhead.onnx"},
             {"cases", json::array()}};
    for (const std::string& c : cases_) doc["cases"].push_back(json::parse(c));
    write_json(dir_ / "cases.json", doc);
}

std::vector<std::string> merge_timings(const std::filesystem::path& dir, const std::filesystem::path& results,
                                       const std::function<ModelFacts(const std::string& model)>& facts) {
    const std::filesystem::path timings_path = dir / "timings.json";
    const json timings = read_json(timings_path);
    json doc = read_json(results);
    if (!doc.contains("benchmarks") || !doc["benchmarks"].is_array())
        throw Error(fmt::format("{}: no 'benchmarks' array", results.string()));
    std::vector<std::string> not_timed;
    try {
        const std::string label = fmt::format("ONNX Runtime {}, Node {}", timings.at("onnxruntime").get<std::string>(),
                                              timings.at("node").get<std::string>());
        doc["context"]["onnxruntime_version"] = timings.at("onnxruntime");
        doc["context"]["onnxruntime_node"] = timings.at("node");
        doc["context"]["onnxruntime_call_us"] = timings.at("call_overhead_us");
        std::string model_of_facts;
        ModelFacts current;
        for (const json& run : timings.at("runs")) {
            const std::string model = run.at("model").get<std::string>();
            const std::size_t batch = run.at("batch").get<std::size_t>(), threads = run.at("threads").get<std::size_t>();
            const std::string name = row_name(model, batch, threads);
            std::optional<std::string> why;
            if (run.contains("error")) {
                why = run["error"].get<std::string>();
            } else {
                if (model != model_of_facts) current = facts(model), model_of_facts = model;
                try {
                    why = check_output(dir, run, batch, current);
                } catch (const Error& e) {
                    why = e.what();
                }
            }
            if (why) {
                not_timed.push_back(fmt::format("{}: {}", name, *why));
                doc["benchmarks"].push_back(error_row(name, *why));
                continue;
            }
            for (json& row : timed_rows(name, run, batch, current.macs, label))
                doc["benchmarks"].push_back(std::move(row));
        }
    } catch (const json::exception& e) {
        throw Error(fmt::format("{}: {}", timings_path.string(), e.what()));
    }
    write_json(results, doc);
    return not_timed;
}

void record_not_run(const std::filesystem::path& results, const std::string& why) {
    json doc = read_json(results);
    doc["context"]["peer_not_built_onnxruntime"] = why;
    write_json(results, doc);
}

}  // namespace ganforge::bench
