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

// Which Keras wrote a config, where Keras 2 and Keras 3 read one name as two
// functions (hard_sigmoid): Keras 2 (tf.keras, and tfjs-layers, which
// follows it) or Keras 3.
enum class KerasGeneration { keras2, keras3 };

// The generation of a file's keras_version: "2.15.0", "2.2.4-tf", "1.2.2"
// and "tfjs-layers 4.10.0" are Keras 2's; "3.3.3" is Keras 3's, and so is a
// file that gives none, as only Keras 3 writes none (model.to_json(); a
// .keras archive keeps it in metadata.json).
KerasGeneration keras_generation(std::string_view keras_version);

class KerasConfigFields {
public:
    // `config` must outlive this object; a non-object config is an error.
    // `generation`: which Keras wrote it.
    KerasConfigFields(const nlohmann::json& config, std::string context,
                      KerasGeneration generation = KerasGeneration::keras3);

    const std::string& context() const { return context_; }
    KerasGeneration generation() const { return generation_; }
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
    KerasGeneration generation_;
    mutable std::set<std::string, std::less<>> asked_;
};

// A JSON value shortened for a message: a file may hold megabyte strings or
// values nested thousands deep (printed without recursing into them).
std::string brief_json(const nlohmann::json& value);

// True if `object` is an object whose `key` is the string `value`.
bool has_string_field(const nlohmann::json& object, std::string_view key, std::string_view value);

}  // namespace ganforge
