#include "readers/python_call.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>

namespace ganforge {
namespace {

using json = nlohmann::json;

// Tuples in tuples: a layer's arguments nest two deep ((top, bottom), (left,
// right)); the bound keeps a hostile text from exhausting the stack.
constexpr int max_depth = 16;

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

class Parser {
public:
    Parser(std::string_view text, const std::string& context) : text_(text), context_(context) {}

    PythonCall call() {
        PythonCall c;
        skip_space();
        if (!is_name_start(peek())) fail("a ganforge layer class, such as LeakyReLU");
        c.callee = name();
        skip_space();
        if (!eat('(')) fail("'(' after the class name (a layer is written as a call: LeakyReLU(alpha=0.2))");
        skip_space();
        while (!eat(')')) {
            const std::size_t start = at_;
            if (const auto key = keyword()) {
                for (const auto& [k, v] : c.keywords)
                    if (k == *key) fail_with(start, fmt::format("'{}' is given twice", *key));
                c.keywords.emplace_back(*key, value(0));
            } else {
                if (!c.keywords.empty())
                    fail("a keyword argument (name=value), as positional arguments come first");
                c.positional.push_back(value(0));
            }
            skip_space();
            if (!eat(',') && peek() != ')') fail("',' or ')'");
            skip_space();
        }
        skip_space();
        if (at_ != text_.size()) fail("the end after the call's ')'");
        return c;
    }

private:
    std::string_view text_;
    std::size_t at_ = 0;
    const std::string& context_;

    char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
    bool at_end() const { return at_ >= text_.size(); }
    bool eat(char c) {
        if (at_end() || text_[at_] != c) return false;
        ++at_;
        return true;
    }
    void skip_space() {
        while (!at_end() && std::isspace(static_cast<unsigned char>(text_[at_])) != 0) ++at_;
    }

    // What stands at `at`: a name whole, one character, or the end.
    std::string found(std::size_t at) const {
        if (at >= text_.size()) return "the end";
        if (is_name_start(text_[at])) {
            std::size_t end = at;
            while (end < text_.size() && is_name_char(text_[end])) ++end;
            return fmt::format("'{}'", text_.substr(at, end - at));
        }
        const auto c = static_cast<unsigned char>(text_[at]);
        return std::isprint(c) ? fmt::format("'{}'", char(c)) : fmt::format("byte 0x{:02x}", c);
    }

    [[noreturn]] void fail_with(std::size_t at, std::string_view problem) const {
        throw Error(fmt::format("{}: at character {}: {}", context_, at + 1, problem));
    }
    [[noreturn]] void fail_at(std::size_t at, std::string_view expected, std::string_view got) const {
        fail_with(at, fmt::format("expected {}, got {}", expected, got));
    }
    [[noreturn]] void fail(std::string_view expected) const { fail_at(at_, expected, found(at_)); }

    std::string name() {
        const std::size_t start = at_;
        while (!at_end() && is_name_char(text_[at_])) ++at_;
        return std::string(text_.substr(start, at_ - start));
    }

    // `name =` (not `==`) ahead: consumes it and gives the name.
    std::optional<std::string> keyword() {
        if (!is_name_start(peek())) return std::nullopt;
        const std::size_t start = at_;
        std::string key = name();
        skip_space();
        if (peek() == '=' && (at_ + 1 >= text_.size() || text_[at_ + 1] != '=')) {
            ++at_;
            skip_space();
            return key;
        }
        at_ = start;
        return std::nullopt;
    }

    json value(int depth) {
        if (depth >= max_depth) fail(fmt::format("tuples and lists nested at most {} deep", max_depth));
        const char c = peek();
        if (c == '\'' || c == '"') return string_literal();
        if (c == '(' || c == '[') return sequence(depth);
        if (is_digit(c) || c == '.' || c == '-' || c == '+') return number();
        if (is_name_start(c)) {
            const std::size_t start = at_;
            const std::string word = name();
            if (word == "True") return true;
            if (word == "False") return false;
            if (word == "None") return nullptr;
            fail_at(start, fmt::format("a value (a number, a string in quotes such as '{}', True, False, None, a "
                                       "tuple or a list)", word),
                    found(start));
        }
        fail("a value (a number, a string in quotes, True, False, None, a tuple or a list)");
    }

    json number() {
        const std::size_t start = at_;
        if (peek() == '-' || peek() == '+') ++at_;
        bool digits = false, fraction = false;
        while (is_digit(peek())) ++at_, digits = true;
        if (eat('.')) {
            fraction = true;
            while (is_digit(peek())) ++at_, digits = true;
        }
        if (!digits) fail_at(start, "a number", found(start));
        if (peek() == 'e' || peek() == 'E') {
            fraction = true;
            ++at_;
            if (peek() == '-' || peek() == '+') ++at_;
            if (!is_digit(peek())) fail("the exponent's digits");
            while (is_digit(peek())) ++at_;
        }
        // from_chars takes no leading '+'.
        const std::string_view token = text_.substr(start, at_ - start);
        const std::string_view digits_part = token.front() == '+' ? token.substr(1) : token;
        const char* first = digits_part.data();
        const char* last = first + digits_part.size();
        if (fraction) {
            double x = 0;
            const auto r = std::from_chars(first, last, x);
            if (r.ec != std::errc() || r.ptr != last || !std::isfinite(x))
                fail_at(start, "a finite number", fmt::format("'{}'", token));
            return x;
        }
        std::int64_t n = 0;
        const auto r = std::from_chars(first, last, n);
        if (r.ec != std::errc() || r.ptr != last)
            fail_at(start, "an integer within 64 bits", fmt::format("'{}'", token));
        return n;
    }

    json string_literal() {
        const char quote = text_[at_++];
        std::string s;
        while (!at_end() && text_[at_] != quote) {
            char c = text_[at_++];
            if (c == '\\' && !at_end()) {
                const char e = text_[at_++];
                switch (e) {
                    case 'n': c = '\n'; break;
                    case 't': c = '\t'; break;
                    case '\\':
                    case '\'':
                    case '"': c = e; break;
                    default: s += '\\', c = e;  // Python keeps an unknown escape as written
                }
            }
            s += c;
        }
        if (!eat(quote)) fail(fmt::format("the closing {} of the string", quote));
        return s;
    }

    // A list, or a tuple: `(x)` is x itself, `(x,)` a tuple of one.
    json sequence(int depth) {
        const char close = text_[at_] == '(' ? ')' : ']';
        ++at_;
        json items = json::array();
        bool comma = false;
        skip_space();
        while (!eat(close)) {
            items.push_back(value(depth + 1));
            skip_space();
            comma = eat(',');
            if (!comma && peek() != close) fail(fmt::format("',' or '{}'", close));
            skip_space();
        }
        if (close == ')' && items.size() == 1 && !comma) return items[0];
        return items;
    }
};

}  // namespace

PythonCall parse_python_call(std::string_view text, const std::string& context) {
    return Parser(text, context).call();
}

}  // namespace ganforge
