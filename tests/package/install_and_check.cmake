# Installs the build tree into a fresh prefix (cmake -P) and checks that the
# install stands on its own: real files (no link back into the source tree),
# the headers, libraries and CMake package in place, exactly the include
# trees' headers installed, every <ganforge/...> include of an installed
# header installed too, and no installed CMake file
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

foreach(required include/ganforge/ganforge.hpp include/ganforge/dsl.hpp include/ganforge/dsl/sequential.hpp
                 include/ganforge/runtime/interpreter.hpp include/ganforge/readers/load_weights.hpp
                 include/ganforge/codegen/generate.hpp)
  if(NOT EXISTS ${PREFIX}/${required})
    list(APPEND problems "${required} is not installed")
  endif()
endforeach()
file(GLOB_RECURSE configs ${PREFIX}/*/ganforgeConfig.cmake)
if(NOT configs)
  list(APPEND problems "no ganforgeConfig.cmake")
endif()
foreach(library core runtime network codegen readers)
  file(GLOB_RECURSE found ${PREFIX}/*/libganforge_${library}.*)
  if(NOT found)
    list(APPEND problems "no libganforge_${library}")
  endif()
endforeach()

# The installed headers are the source's include trees, each header once:
# none of a folder's internals (beside its .cpp files) is installed.
set(public)
foreach(tree core dsl runtime readers codegen .)
  file(GLOB_RECURSE headers RELATIVE ${SOURCE_DIR}/${tree}/include ${SOURCE_DIR}/${tree}/include/ganforge/*)
  list(APPEND public ${headers})
endforeach()
file(GLOB_RECURSE installed_headers RELATIVE ${PREFIX}/include ${PREFIX}/include/*)
list(SORT public)
list(SORT installed_headers)
if(NOT public STREQUAL installed_headers)
  set(extra ${installed_headers})
  list(REMOVE_ITEM extra ${public})
  set(missing ${public})
  list(REMOVE_ITEM missing ${installed_headers})
  list(APPEND problems "installed headers differ from the include trees: extra [${extra}], missing [${missing}]")
endif()

file(GLOB_RECURSE headers ${PREFIX}/include/ganforge/*.hpp)
foreach(header IN LISTS headers)
  file(STRINGS ${header} quoted REGEX "^#include \"")
  if(quoted)
    file(RELATIVE_PATH from ${PREFIX} ${header})
    list(APPEND problems "${from} includes a header by a quoted path (${quoted}); installed headers include <ganforge/...>")
  endif()
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
