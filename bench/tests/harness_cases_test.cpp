// The C++ side of the ONNX Runtime peer on made-up harness results: what it
// writes for the harness, and how it checks and merges what the harness
// measured (the same check as every engine's, the median as the report
// reads it, an error row for a run that failed or disagrees).
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "bench/bench_inputs.hpp"
#include "bench/model_macs.hpp"
#include "bench/onnxruntime/harness_cases.hpp"
#include "bench/report/results.hpp"
#include <ganforge/core/error.hpp>
#include "readers/file_bytes.hpp"
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/runtime/tensor_layout.hpp>

#include "peer_cases.hpp"

namespace ganforge::bench {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

void write_floats(const fs::path& p, const std::vector<float>& v) {
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * 4));
}

std::vector<float> read_floats(const fs::path& p) {
    const std::vector<std::byte> bytes = read_file_bytes(p, std::size_t(1) << 24);
    std::vector<float> v(bytes.size() / sizeof(float));
    std::memcpy(v.data(), bytes.data(), v.size() * sizeof(float));
    return v;
}

// OddTconvs: image in, image out, channels that a layout mix-up scrambles.
struct HarnessExchange : testing::Test {
    static constexpr std::size_t batch = 2;
    fs::path dir = fs::path(testing::TempDir()) /
                   ("harness_cases_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    ModelSpec spec = peer_cases::cases[4].spec();
    WeightStore weights = benchmark_weights(spec, 7);
    std::vector<std::vector<float>> inputs = benchmark_inputs(spec, batch, 11);
    std::vector<float> reference = std::vector<float>(batch * spec.output_shape().size());

    void SetUp() override {
        ASSERT_STREQ(peer_cases::cases[4].name, "OddTconvs");
        fs::remove_all(dir);
        fs::create_directories(dir);
        InterpreterCore(weights).predict(spans_of(inputs), reference, batch);
        write(dir / "results.json", R"({"context": {"date": "today"}, "benchmarks": []})");
    }

    void TearDown() override { fs::remove_all(dir); }

    // The interpreter's output as ONNX Runtime would write it (NCHW).
    std::vector<float> onnx_output() const {
        std::vector<float> out(reference.size());
        to_channels_first(reference, out, spec.output_shape(), batch);
        return out;
    }

    std::vector<std::string> merge() const {
        return merge_timings(dir, dir / "results.json", [&](const std::string& model) {
            EXPECT_EQ(model, "odd");
            return ModelFacts{[&](std::size_t) -> const std::vector<float>& { return reference; },
                              spec.output_shape(), double(model_macs(spec))};
        });
    }

    report::Results results() const {
        return report::read_results(read_file_text(dir / "results.json", std::size_t(1) << 24));
    }
};

json timed_run(std::size_t threads, const std::string& output) {
    return {{"model", "odd"}, {"batch", HarnessExchange::batch}, {"threads", threads}, {"output", output},
            {"iterations", 10}, {"real_time_ns", {5e6, 1e6, 3e6}}, {"cpu_time_ns", {4e6, 2e6, 8e6}}};
}

json timings(json runs) {
    return {{"node", "v18.20.4"}, {"onnxruntime", "1.30.0"}, {"call_overhead_us", 6.5}, {"runs", std::move(runs)}};
}

TEST_F(HarnessExchange, CasesHoldTheModelAndItsInputsInOnnxLayout) {
    HarnessCases cases(dir);
    cases.add("odd", weights, {{batch, inputs}});
    const std::size_t threads[] = {1, 2};
    cases.finish(threads);
    EXPECT_TRUE(fs::is_regular_file(dir / "odd.onnx"));
    EXPECT_TRUE(fs::is_regular_file(dir / "call_overhead.onnx"));
    std::vector<float> nchw(inputs[0].size());
    to_channels_first(inputs[0], nchw, spec.input_shapes[0], batch);
    EXPECT_EQ(read_floats(dir / "odd.batch2.input_0.f32"), nchw);
    const json doc = json::parse(read_file_text(dir / "cases.json", 1 << 20));
    EXPECT_EQ(doc["threads"], json({1, 2}));
    ASSERT_EQ(doc["cases"].size(), 1u);
    const json& c = doc["cases"][0];
    EXPECT_EQ(c["inputs"][0]["dims"], json({2, 3, 5, 4}));  // 5x4x3 NHWC -> NCHW
    const Shape out = spec.output_shape();
    EXPECT_EQ(c["output_dims"], json({2, out.channels(), out.height(), out.width()}));
}

TEST_F(HarnessExchange, AgreeingRunsAreMergedAsTheirMedians) {
    write_floats(dir / "out.f32", onnx_output());
    write(dir / "timings.json", timings({timed_run(1, "out.f32"), timed_run(2, "out.f32")}).dump());
    EXPECT_TRUE(merge().empty());
    const report::Results r = results();
    EXPECT_EQ(r.context_or("date", ""), "today");  // the bench's context is kept
    EXPECT_EQ(r.context_or("onnxruntime_version", ""), "1.30.0");
    EXPECT_EQ(r.context_or("onnxruntime_call_us", ""), "6.5");
    const report::EngineRun* one = r.find("onnxruntime", "odd", batch);
    ASSERT_TRUE(one);
    ASSERT_EQ(one->figure.error, "");
    EXPECT_DOUBLE_EQ(one->figure.ms, 4.0);  // one thread: CPU time, median of 4, 2, 8 ms
    EXPECT_NEAR(one->figure.gflops, 2e-9 * double(model_macs(spec)) * batch / 4e-3, 1e-9);
    EXPECT_NEAR(one->figure.images_per_second, batch / 4e-3, 1e-6);
    ASSERT_EQ(r.threaded.size(), 1u);
    EXPECT_EQ(r.threaded[0].threads, 2u);
    EXPECT_DOUBLE_EQ(r.threaded[0].figure.ms, 3.0);  // threads: the wall clock, median of 5, 1, 3 ms
    EXPECT_EQ(r.repetitions, 3u);
}

TEST_F(HarnessExchange, ARunThatFailedOrDisagreesIsAnErrorRow) {
    std::vector<float> wrong = onnx_output();
    wrong[7] += 0.5f;
    write_floats(dir / "wrong.f32", wrong);
    json failed = {{"model", "odd"}, {"batch", batch}, {"threads", 2}, {"error", "ONNX Runtime: no Resize"}};
    write(dir / "timings.json", timings({timed_run(1, "wrong.f32"), failed, timed_run(4, "missing.f32")}).dump());
    const std::vector<std::string> not_timed = merge();
    ASSERT_EQ(not_timed.size(), 3u);
    EXPECT_NE(not_timed[0].find("BM_onnxruntime/odd/batch:2: disagrees with the interpreter"), std::string::npos)
        << not_timed[0];
    EXPECT_NE(not_timed[1].find("threads:2: ONNX Runtime: no Resize"), std::string::npos) << not_timed[1];
    EXPECT_NE(not_timed[2].find("missing.f32"), std::string::npos) << not_timed[2];
    const report::Results r = results();
    const report::EngineRun* one = r.find("onnxruntime", "odd", batch);
    ASSERT_TRUE(one);
    EXPECT_NE(one->figure.error.find("disagrees"), std::string::npos);
    ASSERT_EQ(r.threaded.size(), 2u);
    EXPECT_EQ(r.threaded[0].figure.error, "ONNX Runtime: no Resize");
}

TEST_F(HarnessExchange, MalformedTimingsAreAnErrorNamingTheFile) {
    write(dir / "timings.json", "{\"runs\": [");
    EXPECT_THROW(
        try { merge(); } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("timings.json"), std::string::npos) << e.what();
            throw;
        },
        Error);
    write(dir / "timings.json", timings({{{"model", "odd"}}}).dump());  // a run without its batch
    EXPECT_THROW(merge(), Error);
}

TEST_F(HarnessExchange, NotRunIsRecordedForTheReport) {
    record_not_run(dir / "results.json", "npm ci failed");
    EXPECT_EQ(results().context_or("peer_not_built_onnxruntime", ""), "npm ci failed");
}

}  // namespace
}  // namespace ganforge::bench
