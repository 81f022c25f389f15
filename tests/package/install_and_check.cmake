# Installs the build tree into a fresh prefix (cmake -P) and checks that the
# install stands on its own: real files (no link back into the source tree),
# the headers, library and CMake package in place, every <ganforge/...>
# include of an installed header installed too, and no installed CMake file
# naming the source or build tree. Variables: BUILD_DIR, PREFIX, SOURCE_DIR.
foreach(var BUILD_DIR PREFIX SOURCE_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "install_and_check.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (is every target of ${BUILD_DIR} built?):\n${output}")
endif()

set(problems)

file(GLOB_RECURSE installed LIST_DIRECTORIES true RELATIVE ${PREFIX} ${PREFIX}/*)
foreach(path IN LISTS installed)
  if(IS_SYMLINK ${PREFIX}/${path})
    list(APPEND problems "${path} is a symbolic link")
  endif()
endforeach()

foreach(required include/ganforge/ganforge.hpp include/ganforge/dsl/sequential.hpp
                 include/ganforge/runtime/interpreter.hpp)
  if(NOT EXISTS ${PREFIX}/${required})
    list(APPEND problems "${required} is not installed")
  endif()
endforeach()
file(GLOB_RECURSE configs ${PREFIX}/*/ganforgeConfig.cmake)
file(GLOB_RECURSE libraries ${PREFIX}/*/libganforge.*)
if(NOT configs)
  list(APPEND problems "no ganforgeConfig.cmake")
endif()
if(NOT libraries)
  list(APPEND problems "no libganforge")
endif()

file(GLOB_RECURSE headers ${PREFIX}/include/ganforge/*.hpp)
foreach(header IN LISTS headers)
  file(STRINGS ${header} includes REGEX "^#include <ganforge/")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^#include <(ganforge/[^>]+)>.*" "\\1" included "${line}")
    if(NOT EXISTS ${PREFIX}/include/${included})
      file(RELATIVE_PATH from ${PREFIX} ${header})
      list(APPEND problems "${from} includes <${included}>, which is not installed")
    endif()
  endforeach()
endforeach()

file(GLOB_RECURSE cmake_files ${PREFIX}/*.cmake)
foreach(file IN LISTS cmake_files)
  file(READ ${file} text)
  foreach(tree ${SOURCE_DIR} ${BUILD_DIR})
    string(FIND "${text}" "${tree}" at)
    if(NOT at EQUAL -1)
      list(APPEND problems "${file} names ${tree}")
    endif()
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "The install in ${PREFIX} does not stand on its own:\n  ${text}")
endif()
list(LENGTH installed count)
message(STATUS "Installed ${count} files and folders into ${PREFIX}")
