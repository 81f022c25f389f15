// The one exception type ganforge throws for bad input: wrong sizes, a chain
// that does not fit, a malformed file. Its message names what is wrong, on
// one line: messages quote names and values from files, and a control
// character among them (a layer named "a\nb") is written escaped, so that a
// file cannot split or forge the lines a caller logs.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace ganforge {

class Error : public std::runtime_error {
public:
    explicit Error(std::string_view message) : std::runtime_error(one_line(message)) {}
    explicit Error(const std::string& message) : Error(std::string_view(message)) {}
    explicit Error(const char* message) : Error(std::string_view(message)) {}

private:
    static std::string one_line(std::string_view message) {
        static constexpr char hex[] = "0123456789abcdef";
        std::string out;
        out.reserve(message.size());
        for (const char c : message) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '\n') out += "\\n";
            else if (c == '\r') out += "\\r";
            else if (c == '\t') out += "\\t";
            else if (u < 0x20 || u == 0x7f) out += {'\\', 'x', hex[u >> 4], hex[u & 15]};
            else out += c;
        }
        return out;
    }
};

}  // namespace ganforge
