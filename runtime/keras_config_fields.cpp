#include "runtime/keras_config_fields.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>

namespace ganforge {

namespace {

constexpr std::size_t brief_limit = 60;

std::string json_string(std::string_view s) {
    return nlohmann::json(std::string(s.substr(0, brief_limit)))
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void brief(const nlohmann::json& v, std::string& out, int depth) {
    if (out.size() > brief_limit) return;
    if (v.is_string()) {
        out += json_string(v.get_ref<const std::string&>());
    } else if (v.is_structured()) {
        const bool object = v.is_object();
        out += object ? '{' : '[';
        if (depth >= 4 && !v.empty()) {
            out += "...";
        } else {
            bool first = true;
            for (auto it = v.begin(); it != v.end() && out.size() <= brief_limit; ++it, first = false) {
                if (!first) out += ',';
                if (object) out += json_string(it.key()) + ':';
                brief(it.value(), out, depth + 1);
            }
        }
        out += object ? '}' : ']';
    } else {
        out += v.dump();
    }
}

}  // namespace

std::string brief_json(const nlohmann::json& value) {
    std::string text;
    brief(value, text, 0);
    if (text.size() > brief_limit) text = text.substr(0, brief_limit) + "...";
    return text;
}

bool has_string_field(const nlohmann::json& object, std::string_view key, std::string_view value) {
    if (!object.is_object()) return false;
    const auto it = object.find(key);
    return it != object.end() && it->is_string() && it->get_ref<const std::string&>() == value;
}

KerasGeneration keras_generation(std::string_view keras_version) {
    int major = 0;
    const auto read = std::from_chars(keras_version.data(), keras_version.data() + keras_version.size(), major);
    if (keras_version.empty() || (read.ec == std::errc() && major >= 3)) return KerasGeneration::keras3;
    return KerasGeneration::keras2;
}

KerasConfigFields::KerasConfigFields(const nlohmann::json& config, std::string context, KerasGeneration generation)
    : config_(config), context_(std::move(context)), generation_(generation) {
    if (!config_.is_object()) fail(fmt::format("config must be a JSON object, got {}", brief_json(config_)));
}

void KerasConfigFields::fail(std::string_view problem) const {
    throw Error(fmt::format("{}: {}", context_, problem));
}

const nlohmann::json* KerasConfigFields::find(std::string_view key) const {
    asked_.emplace(key);
    const auto it = config_.find(key);
    if (it == config_.end() || it->is_null()) return nullptr;
    return &*it;
}

std::vector<std::string> KerasConfigFields::unread_keys() const {
    std::vector<std::string> keys;
    for (auto it = config_.begin(); it != config_.end(); ++it)
        if (!asked_.contains(it.key())) keys.push_back(it.key());
    return keys;
}

int KerasConfigFields::checked_integer(const nlohmann::json& value, std::string_view key, int lo,
                                       int hi) const {
    // Python writes ints without a fraction; 3.0 is not an int to Keras either.
    if (!value.is_number_integer())
        fail(fmt::format("{} must be an integer, got {}", key, brief_json(value)));
    bool in_range = false;
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        in_range = hi >= 0 && u <= std::uint64_t(hi) && (lo <= 0 || u >= std::uint64_t(lo));
    } else {
        const auto s = value.get<std::int64_t>();
        in_range = s >= lo && s <= hi;
    }
    if (!in_range) fail(fmt::format("{} must be in [{}, {}], got {}", key, lo, hi, brief_json(value)));
    return static_cast<int>(value.get<std::int64_t>());
}

int KerasConfigFields::integer(std::string_view key, int lo, int hi) const {
    const nlohmann::json* v = find(key);
    if (!v) fail(fmt::format("{} is missing", key));
    return checked_integer(*v, key, lo, hi);
}

int KerasConfigFields::integer_or(std::string_view key, int fallback, int lo, int hi) const {
    const nlohmann::json* v = find(key);
    return v ? checked_integer(*v, key, lo, hi) : fallback;
}

double KerasConfigFields::number_or(std::string_view key, double fallback, double lo,
                                    double hi) const {
    const nlohmann::json* v = find(key);
    if (!v) return fallback;
    if (!v->is_number()) fail(fmt::format("{} must be a number, got {}", key, brief_json(*v)));
    const double x = v->get<double>();
    if (!std::isfinite(x) || x < lo || x > hi)
        fail(fmt::format("{} must be in [{}, {}], got {}", key, lo, hi, brief_json(*v)));
    return x;
}

bool KerasConfigFields::boolean_or(std::string_view key, bool fallback) const {
    const nlohmann::json* v = find(key);
    if (!v) return fallback;
    if (!v->is_boolean()) fail(fmt::format("{} must be true or false, got {}", key, brief_json(*v)));
    return v->get<bool>();
}

std::optional<std::string> KerasConfigFields::string(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) fail(fmt::format("{} must be a string, got {}", key, brief_json(*v)));
    return v->get<std::string>();
}

Size2 KerasConfigFields::size2_or(std::string_view key, Size2 fallback, int lo, int hi) const {
    const nlohmann::json* v = find(key);
    if (!v) return fallback;
    if (v->is_array()) {
        if (v->size() != 2)
            fail(fmt::format("{} must be one integer or two, got {}", key, brief_json(*v)));
        return Size2{checked_integer((*v)[0], key, lo, hi), checked_integer((*v)[1], key, lo, hi)};
    }
    return Size2{checked_integer(*v, key, lo, hi)};
}

Margins KerasConfigFields::margins_or(std::string_view key, Margins fallback, int lo, int hi) const {
    const nlohmann::json* v = find(key);
    if (!v) return fallback;
    if (!v->is_array()) return Margins{checked_integer(*v, key, lo, hi)};
    if (v->size() != 2)
        fail(fmt::format("{} must be one integer, two, or two pairs, got {}", key, brief_json(*v)));
    auto pair = [&](const nlohmann::json& p) {
        if (!p.is_array()) return Size2{checked_integer(p, key, lo, hi)};
        if (p.size() != 2)
            fail(fmt::format("{} must be one integer, two, or two pairs, got {}", key, brief_json(*v)));
        return Size2{checked_integer(p[0], key, lo, hi), checked_integer(p[1], key, lo, hi)};
    };
    return Margins{pair((*v)[0]), pair((*v)[1])};
}

}  // namespace ganforge
