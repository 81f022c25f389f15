// The ganforge version, as macros (for the generated code's static_assert, as
// flatbuffers' generated headers check FLATBUFFERS_VERSION_*) and as a
// constant. codegen/CMakeLists.txt checks it equals the CMake project version.
#pragma once

#include <string_view>

#define GANFORGE_VERSION_MAJOR 0
#define GANFORGE_VERSION_MINOR 2
#define GANFORGE_VERSION_PATCH 0
#define GANFORGE_VERSION_STRING "0.2.0"

namespace ganforge {

inline constexpr std::string_view version = GANFORGE_VERSION_STRING;

}  // namespace ganforge
