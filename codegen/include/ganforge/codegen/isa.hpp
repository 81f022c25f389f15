// The SIMD paths generated networks carry, and the choice among them: the
// best one the CPU supports, or the one GANFORGE_ISA names.
#pragma once

#include <span>
#include <string_view>

namespace ganforge {

// Narrowest first, as registered in codegen/isas.inc.
enum class Isa {
#define GANFORGE_ISA(isa, flags, cpu_check) isa,
#include <ganforge/codegen/isas.inc>
#undef GANFORGE_ISA
};
inline constexpr Isa all_isas[] = {
#define GANFORGE_ISA(isa, flags, cpu_check) Isa::isa,
#include <ganforge/codegen/isas.inc>
#undef GANFORGE_ISA
};

// "portable", "avx2", "avx512": what GANFORGE_ISA and net.isa() spell.
constexpr std::string_view isa_name(Isa isa) {
    switch (isa) {
#define GANFORGE_ISA(isa, flags, cpu_check) \
    case Isa::isa: return #isa;
#include <ganforge/codegen/isas.inc>
#undef GANFORGE_ISA
    }
    return "?";
}

// The ISA GANFORGE_ISA-style `name` spells; ganforge::Error for any other name.
Isa parse_isa(std::string_view name);

// True if this CPU (and its operating system) can run `isa`'s code: AVX2 with
// FMA, AVX-512 Foundation. The portable path runs everywhere.
bool cpu_supports(Isa isa);

// The path a network built from code carrying the paths `available` uses:
// the one GANFORGE_ISA names if it is set (an unknown name, a path this CPU
// lacks or one the code was built without is a ganforge::Error), else the
// widest of `available` the CPU supports.
Isa choose_isa(std::span<const Isa> available);

// Checks that `isa` is among `available` and that the CPU supports it;
// ganforge::Error naming `what` (the network's class) otherwise.
void require_isa(Isa isa, std::span<const Isa> available, std::string_view what);

}  // namespace ganforge
