// KerasConfigFields: typed, range-checked reads of one Keras config object
// (a layer's `config`, a model's). Files are untrusted: every read checks the
// JSON type and range and, when it fails, throws ganforge::Error whose
// message starts with the context ("model.json: layer 3 'dense_2' (Dense)").
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <ganforge/core/layer_options.hpp>

namespace ganforge {

class KerasConfigFields {
public:
    // `config` must outlive this object; a non-object config is an error.
    KerasConfigFields(const nlohmann::json& config, std::string context);

    const std::string& context() const { return context_; }
    [[noreturn]] void fail(std::string_view problem) const;

    // The field, or nullptr when it is absent or JSON null (Keras writes
    // null for "not set").
    const nlohmann::json* find(std::string_view key) const;

    // An integer in [lo, hi]; `fallback` when absent.
    int integer(std::string_view key, int lo, int hi) const;
    int integer_or(std::string_view key, int fallback, int lo, int hi) const;
    // A finite number in [lo, hi].
    double number_or(std::string_view key, double fallback, double lo, double hi) const;
    bool boolean_or(std::string_view key, bool fallback) const;
    std::optional<std::string> string(std::string_view key) const;
    // kernel_size, strides, size: one integer or a list of two, each in [lo, hi].
    Size2 size2_or(std::string_view key, Size2 fallback, int lo, int hi) const;
    // ZeroPadding2D padding, Cropping2D cropping: one integer, two (rows,
    // columns) or two pairs ((top, bottom), (left, right)), each in [lo, hi].
    Margins margins_or(std::string_view key, Margins fallback, int lo, int hi) const;

    // The config's keys no read above has asked for, in key order:
    // what a layer's reader ignores. A file's unknown keys are a newer
    // Keras' (keras_layer_config.hpp); a user's are typing mistakes.
    std::vector<std::string> unread_keys() const;

private:
    int checked_integer(const nlohmann::json& value, std::string_view key, int lo, int hi) const;

    const nlohmann::json& config_;
    std::string context_;
    mutable std::set<std::string, std::less<>> asked_;
};

// A JSON value shortened for a message: a file may hold megabyte strings or
// values nested thousands deep (printed without recursing into them).
std::string brief_json(const nlohmann::json& value);

// True if `object` is an object whose `key` is the string `value`.
bool has_string_field(const nlohmann::json& object, std::string_view key, std::string_view value);

}  // namespace ganforge
