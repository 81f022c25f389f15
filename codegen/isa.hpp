// The SIMD paths generated networks carry, and the choice among them: the
// best one the CPU supports, or the one GANFORGE_ISA names.
#pragma once

#include <span>
#include <string_view>

namespace ganforge {

// Narrowest first; codegen/isa_target.cpp has one row per path, in this order.
enum class Isa { portable, avx2, avx512 };
inline constexpr Isa all_isas[] = {Isa::portable, Isa::avx2, Isa::avx512};

// "portable", "avx2", "avx512": what GANFORGE_ISA and net.isa() spell.
std::string_view isa_name(Isa isa);

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
