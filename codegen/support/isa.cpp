#include <ganforge/codegen/isa.hpp>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <string>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>

namespace ganforge {

Isa parse_isa(std::string_view name) {
    std::string known;
    for (auto isa = std::rbegin(all_isas); isa != std::rend(all_isas); ++isa) {
        if (name == isa_name(*isa)) return *isa;
        known += fmt::format("{}{}", known.empty() ? "" : isa + 1 == std::rend(all_isas) ? " or " : ", ",
                             isa_name(*isa));
    }
    throw Error(fmt::format("GANFORGE_ISA={}: unknown SIMD path; use {}", name, known));
}

bool cpu_supports(Isa isa) {
// libgcc's checks include the operating system's support (XCR0).
#if defined(__x86_64__) || defined(__i386__)
#define GANFORGE_CPU_HAS(feature) __builtin_cpu_supports(feature)
#else
#define GANFORGE_CPU_HAS(feature) false
#endif
    switch (isa) {
#define GANFORGE_ISA(isa, flags, cpu_check) \
    case Isa::isa: return cpu_check;
#include <ganforge/codegen/isas.inc>
#undef GANFORGE_ISA
    }
#undef GANFORGE_CPU_HAS
    return false;
}

void require_isa(Isa isa, std::span<const Isa> available, std::string_view what) {
    if (std::find(available.begin(), available.end(), isa) == available.end())
        throw Error(fmt::format("{}: the {} path was not compiled into this network "
                                "(the compiler lacked its flags)", what, isa_name(isa)));
    if (!cpu_supports(isa))
        throw Error(fmt::format("{}: this CPU does not support the {} path", what, isa_name(isa)));
}

Isa choose_isa(std::span<const Isa> available) {
    if (const char* forced = std::getenv("GANFORGE_ISA"); forced != nullptr && *forced != '\0') {
        const Isa isa = parse_isa(forced);
        require_isa(isa, available, fmt::format("GANFORGE_ISA={}", forced));
        return isa;
    }
    for (auto isa = std::rbegin(all_isas); isa != std::rend(all_isas); ++isa)  // widest first
        if (std::find(available.begin(), available.end(), *isa) != available.end() && cpu_supports(*isa))
            return *isa;
    return Isa::portable;
}

}  // namespace ganforge
