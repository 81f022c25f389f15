#include "bench/machine_context.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bench/bench_models.hpp"
#include "bench/library_threads.hpp"
#include "bench/model_macs.hpp"
#include "bench/peers/peers_not_built.hpp"

namespace ganforge::bench {
namespace {

std::string cpuinfo_field(const std::string& key) {
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key, 0) == 0 && line.find(':') != std::string::npos) {
            const auto v = line.substr(line.find(':') + 1);
            return v.empty() ? v : v.substr(v.find_first_not_of(' '));
        }
    return "unknown";
}

// The SIMD flags that matter here, in a fixed order.
std::string simd_flags() {
    std::istringstream flags(cpuinfo_field("flags"));
    const std::set<std::string> have{std::istream_iterator<std::string>(flags), {}};
    std::string out;
    for (const char* f : {"sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl",
                          "avx512_vnni", "avx512_bf16", "amx_tile"})
        if (have.contains(f)) {
            if (!out.empty()) out += ' ';
            out += f;
        }
    return out;
}

// The BLAS and LAPACK libraries mapped into this process.
std::string blas_libraries() {
    std::ifstream maps("/proc/self/maps");
    std::set<std::string> libs;
    for (std::string line; std::getline(maps, line);) {
        const auto slash = line.find('/');
        if (slash == std::string::npos) continue;
        const std::string path = line.substr(slash);
        const std::string file = path.substr(path.rfind('/') + 1);
        if (file.find("blas") != std::string::npos || file.find("lapack") != std::string::npos)
            libs.insert(path);
    }
    std::string out;
    for (const auto& l : libs) {
        if (!out.empty()) out += ", ";
        out += l;
    }
    return out.empty() ? "none" : out;
}

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "unset";
}

}  // namespace

void add_machine_context() {
    benchmark::AddCustomContext("cpu_model", cpuinfo_field("model name"));
    benchmark::AddCustomContext("cpu_simd", simd_flags());
    benchmark::AddCustomContext("blas_libraries", blas_libraries());
    if (auto core = loaded_function<char*()>("openblas_get_corename")) {
        auto threads = loaded_function<int()>("openblas_get_num_threads");
        benchmark::AddCustomContext("openblas_core", fmt::format("{} ({} thread{})", core(), threads ? threads() : 0,
                                                                 threads && threads() == 1 ? "" : "s"));
    }
    auto omp_threads = loaded_function<int()>("omp_get_max_threads");
    benchmark::AddCustomContext(
        "threads", fmt::format("OpenMP max threads {}; OMP_NUM_THREADS={}, OPENBLAS_NUM_THREADS={}, "
                               "OPENBLAS_CORETYPE={}, OPENBLAS_L2_SIZE={}",
                               omp_threads ? std::to_string(omp_threads()) : "n/a", env("OMP_NUM_THREADS"),
                               env("OPENBLAS_NUM_THREADS"), env("OPENBLAS_CORETYPE"), env("OPENBLAS_L2_SIZE")));
    benchmark::AddCustomContext("ganforge_isa", env("GANFORGE_ISA"));  // forces the generated code's path
    for (const PeerNotBuilt& peer : peers_not_built())
        benchmark::AddCustomContext(fmt::format("peer_not_built_{}", peer.name), std::string(peer.reason));
    for (const BenchModel& m : bench_models) {
        const ModelSpec spec = m.spec();
        benchmark::AddCustomContext(fmt::format("macs_{}", m.name),
                                    fmt::format("{} {}", model_macs(spec, TransposedTaps::all),
                                                model_macs(spec, TransposedTaps::inside_output)));
    }
}

}  // namespace ganforge::bench
