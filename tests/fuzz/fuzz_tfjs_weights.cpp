// Fuzz target: a TensorFlow.js model.json and its weight shards. The input is
// the model.json text, a NUL byte, then the bytes of the shards back to back
// (a seed is model.json + "\0" + weights.bin). Each shard the manifest names
// is served the next bytes, up to one more than the group still needs (so
// the "shard too long" check is reached too). What tfjs_weights accepts is
// matched to the model the same text describes, as `ganforge predict` does,
// and run.
#include <algorithm>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "readers/tfjs_model.hpp"
#include "readers/weight_matching.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::string_view origin = "fuzz/model.json";
    const auto* begin = reinterpret_cast<const std::byte*>(data);
    const auto* nul = static_cast<const std::uint8_t*>(std::memchr(data, 0, size));
    const std::size_t text_size = nul ? std::size_t(nul - data) : size;
    const std::string_view text(reinterpret_cast<const char*>(data), text_size);
    std::span<const std::byte> shards = nul ? std::span(begin + text_size + 1, size - text_size - 1)
                                            : std::span<const std::byte>();

    const ganforge::ShardReader serve = [&](const std::string&, std::size_t at_most) {
        const std::size_t n = std::min(shards.size(), at_most + 1);
        std::vector<std::byte> bytes(shards.begin(), shards.begin() + std::ptrdiff_t(n));
        shards = shards.subspan(n);
        return bytes;
    };
    fuzz::expect_only_errors(origin, [&] {
        const ganforge::WeightFile file = ganforge::tfjs_weights(text, std::string(origin), serve);
        ganforge::WeightStore weights(ganforge::parse_model_json(text, std::string(origin)).spec);
        ganforge::fill_weights(weights, file);
        fuzz::run_if_small(weights);
    });
    return 0;
}
