#include <ganforge/codegen/isa.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include <ganforge/core/error.hpp>

namespace ganforge {

std::string_view isa_name(Isa isa) {
    switch (isa) {
        case Isa::portable: return "portable";
        case Isa::avx2: return "avx2";
        case Isa::avx512: return "avx512";
    }
    return "?";
}

Isa parse_isa(std::string_view name) {
    for (Isa isa : {Isa::portable, Isa::avx2, Isa::avx512})
        if (name == isa_name(isa)) return isa;
    throw Error(fmt::format("GANFORGE_ISA={}: unknown SIMD path; use avx512, avx2 or portable", name));
}

bool cpu_supports(Isa isa) {
    switch (isa) {
        case Isa::portable: return true;
#if defined(__x86_64__) || defined(__i386__)
        // libgcc's checks include the operating system's support (XCR0).
        case Isa::avx2:
            return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        case Isa::avx512: return __builtin_cpu_supports("avx512f");
#else
        case Isa::avx2:
        case Isa::avx512: return false;
#endif
    }
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
    for (Isa isa : {Isa::avx512, Isa::avx2})
        if (std::find(available.begin(), available.end(), isa) != available.end() &&
            cpu_supports(isa))
            return isa;
    return Isa::portable;
}

}  // namespace ganforge
