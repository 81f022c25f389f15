# Compiles one snippet (cmake -P) and checks the outcome, after {fmt}'s
# compile-error tests. Variables:
#   COMPILER, STD_FLAG   the C++ compiler and its C++20 flag
#   INCLUDE_DIRS         include directories, separated by '|'
#   SOURCE               the snippet
#   EXPECT               'error': compiling must fail with exactly one error
#                        whose text matches ERROR_REGEX; 'success': it must compile
#   ERROR_REGEX          the expected message
foreach(var COMPILER STD_FLAG SOURCE EXPECT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_compile.cmake: ${var} is not set")
  endif()
endforeach()

string(REPLACE "|" ";" include_dirs "${INCLUDE_DIRS}")
set(include_flags)
foreach(dir IN LISTS include_dirs)
  if(dir)
    list(APPEND include_flags "-I${dir}")
  endif()
endforeach()

# -fsyntax-only still instantiates every template, so the static_asserts fire.
execute_process(
  COMMAND ${COMPILER} ${STD_FLAG} -fsyntax-only ${include_flags} ${SOURCE}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)

if(EXPECT STREQUAL "success")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${SOURCE} should compile, but:\n${output}")
  endif()
  return()
endif()

if(status EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it should fail with: ${ERROR_REGEX}")
endif()
string(REGEX MATCHALL "error: " errors "${output}")
list(LENGTH errors error_count)
if(NOT error_count EQUAL 1)
  message(FATAL_ERROR "${SOURCE} gave ${error_count} errors, expected exactly one:\n${output}")
endif()
if(NOT output MATCHES "${ERROR_REGEX}")
  message(FATAL_ERROR "${SOURCE}'s error does not match '${ERROR_REGEX}':\n${output}")
endif()
